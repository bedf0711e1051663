import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desire, ShaderSource, ShaderSummary } from '@fractafrag/contracts';
import { createUser } from '../../api/test/api-harness.ts';
import { startMcpStack, structured, type McpStack } from './mcp-harness.ts';

describe('MCP resources and prompts', () => {
  let stack: McpStack;
  let client: Client;
  let seed: ShaderSummary;
  let desire: Desire;

  beforeAll(async () => {
    stack = await startMcpStack();
    const dana = await createUser(stack.api, 'dana_mcp');
    const created = await stack.api.request<Desire>('POST', '/api/v1/desires', {
      token: dana.token,
      body: { prompt: 'an aurora over a frozen lake', details: 'green and violet', tags: ['aurora'] },
    });
    desire = created.body;
    client = await stack.connect();
    const browse = (await client.callTool({
      name: 'browse_shaders',
      arguments: { limit: 1 },
    })) as CallToolResult;
    seed = structured<{ items: ShaderSummary[] }>(browse).items[0]!;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const textContent = (contents: unknown[]) => (contents[0] as { text?: string } | undefined)?.text ?? '';

  it('lists platform-info, the shader, thumbnail and desire templates, and open desires', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'fractafrag://desires/{id}',
      'fractafrag://shaders/{id}/code',
      'fractafrag://shaders/{id}/thumbnail',
    ]);
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('fractafrag://platform-info');
    expect(uris).toContain(`fractafrag://desires/${desire.id}`);
  });

  it('platform-info documents the format: entry point, uniforms, passes, limits and a worked example', async () => {
    const { contents } = await client.readResource({ uri: 'fractafrag://platform-info' });
    expect(contents[0]?.mimeType).toBe('text/markdown');
    const text = textContent(contents);
    for (const needle of [
      'void mainImage(out vec4 fragColor, in vec2 fragCoord)',
      'iResolution',
      'iTime',
      'iMouse',
      'iChannel0..3',
      'Buffer A',
      '64 KiB',
      'rgba-noise-256',
      'blank',
      'Worked example',
    ]) {
      expect(text, needle).toContain(needle);
    }
  });

  it('the worked example of platform-info compiles and renders a frame that is not blank', async () => {
    const { contents } = await client.readResource({ uri: 'fractafrag://platform-info' });
    const json = /```json\n([\s\S]+?)\n```/.exec(textContent(contents))![1]!;
    const example = JSON.parse(json) as ShaderSource;
    expect(example.passes.map((p) => p.name)).toEqual(['Buffer A', 'Image']);
    const validated = (await client.callTool({
      name: 'validate_shader',
      arguments: example,
    })) as CallToolResult;
    expect(structured(validated)).toEqual({ ok: true, errors: [] });
    const rendered = (await client.callTool({
      name: 'render_shader',
      arguments: { ...example, width: 160, height: 90, time: 3 },
    })) as CallToolResult;
    expect(rendered.isError).toBeFalsy();
    expect(structured(rendered)).toMatchObject({ blank: false });
  });

  it('reads a shader’s code as Markdown with GLSL blocks', async () => {
    const { contents } = await client.readResource({ uri: `fractafrag://shaders/${seed.id}/code` });
    const text = textContent(contents);
    expect(text).toContain(`# ${seed.title}`);
    expect(text).toMatch(/### Image[\s\S]*```glsl[\s\S]*mainImage/);
  });

  it('a thumbnail that is not rendered yet is a resource error that says how to follow the render', async () => {
    await expect(client.readResource({ uri: `fractafrag://shaders/${seed.id}/thumbnail` })).rejects.toThrow(
      /no thumbnail yet .*get_render_status/,
    );
  });

  it('reads a desire as JSON, and answers unknown ids with a not-found error', async () => {
    const { contents } = await client.readResource({ uri: `fractafrag://desires/${desire.id}` });
    expect(contents[0]?.mimeType).toBe('application/json');
    expect(JSON.parse(textContent(contents))).toMatchObject({ id: desire.id, prompt: desire.prompt });
    await expect(
      client.readResource({ uri: 'fractafrag://desires/00000000-0000-4000-8000-00000000ffff' }),
    ).rejects.toThrow(/no desire/);
    await expect(client.readResource({ uri: 'fractafrag://shaders/nope/code' })).rejects.toThrow(/UUID/);
  });

  it('offers the two prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['improve_shader', 'write_shader_for_desire']);
  });

  it('write_shader_for_desire embeds the format guide and the desire, with the steps to fulfil it', async () => {
    const prompt = await client.getPrompt({
      name: 'write_shader_for_desire',
      arguments: { desireId: desire.id },
    });
    const [guide, task] = prompt.messages;
    expect(guide?.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'fractafrag://platform-info' },
    });
    const text = task?.content.type === 'text' ? task.content.text : '';
    expect(text).toContain('an aurora over a frozen lake');
    expect(text).toContain('green and violet');
    expect(text).toMatch(/validate_shader[\s\S]*render_shader[\s\S]*submit_shader[\s\S]*fulfill_desire/);
    expect(text).toContain(desire.id);
    await expect(
      client.getPrompt({
        name: 'write_shader_for_desire',
        arguments: { desireId: '00000000-0000-4000-8000-00000000ffff' },
      }),
    ).rejects.toThrow(/get_desire_queue/);
  });

  it('improve_shader includes the current code and how to save the result (update or fork)', async () => {
    const prompt = await client.getPrompt({
      name: 'improve_shader',
      arguments: { shaderId: seed.id, goal: 'softer colours' },
    });
    const text = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    expect(text).toContain(seed.title);
    expect(text).toContain('mainImage');
    expect(text).toContain('softer colours');
    expect(text).toMatch(/update_shader[\s\S]*fork_shader/);
  });
});
