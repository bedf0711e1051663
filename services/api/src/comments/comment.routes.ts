import { z } from 'zod';
import {
  commentPageSchema,
  commentSchema,
  createCommentBodySchema,
  listQuerySchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { shaderIdParams } from '../shaders/shader.routes.ts';
import { addComment, deleteComment, listShaderComments, type CommentDeps } from './comment.service.ts';

const commentIdParams = z.object({ id: z.string().describe('Comment id (UUID)') });
const shaderNotFound = { description: 'No such shader, or not visible to the caller' };

export function registerCommentRoutes(route: DefineRoute, deps: ApiDeps): void {
  const commentDeps: CommentDeps = { pool: deps.pool };
  route(
    {
      method: 'get',
      path: '/shaders/:id/comments',
      tag: 'Comments',
      summary: "A shader's comments, oldest first",
      description:
        'Deleted comments appear as placeholders (body and author null) while they have live replies.',
      params: shaderIdParams,
      query: listQuerySchema,
      responses: {
        200: { description: 'A page of comments', schema: commentPageSchema },
        400: { description: 'The cursor is malformed' },
        404: shaderNotFound,
      },
    },
    async ({ params, query, auth }) => ({
      status: 200,
      body: await listShaderComments(commentDeps, params.id, auth, query.limit, query.cursor),
    }),
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/comments',
      tag: 'Comments',
      summary: 'Comment on a shader, or reply to a comment (parentId)',
      auth: 'write',
      params: shaderIdParams,
      body: createCommentBodySchema,
      responses: {
        201: { description: 'The new comment', schema: commentSchema },
        401: { description: 'Not logged in' },
        403: { description: 'An API key without the write scope' },
        404: shaderNotFound,
        409: { description: 'The shader is a draft or archived' },
        422: { description: 'Empty or over-long body, or parentId is not a live comment on this shader' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 201,
      body: await addComment(commentDeps, params.id, auth!, body),
    }),
  );
  route(
    {
      method: 'delete',
      path: '/comments/:id',
      tag: 'Comments',
      summary: 'Delete a comment (its author, or a moderator)',
      auth: 'write',
      params: commentIdParams,
      responses: {
        204: { description: 'Deleted' },
        401: { description: 'Not logged in' },
        403: { description: "Not the comment's author nor a moderator" },
        404: { description: 'No such comment, already deleted, or on a shader the caller cannot see' },
      },
    },
    async ({ params, auth }) => {
      await deleteComment(commentDeps, params.id, auth!);
      return { status: 204 };
    },
  );
}
