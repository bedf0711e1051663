/** Any subset of these; shaders use title/description/tags/code, desires prompt/details/tags. */
export interface TextFields {
  title?: string;
  prompt?: string;
  description?: string;
  details?: string;
  tags?: readonly string[];
  /** GLSL source (all passes and the common code); only identifiers and comments count. */
  code?: string;
}

export interface ShaderText {
  title: string;
  description?: string;
  tags?: readonly string[];
  /** One string, or one per pass (the common code included). */
  code: string | readonly string[];
}

export function shaderFields(shader: ShaderText): TextFields {
  const code = typeof shader.code === 'string' ? shader.code : shader.code.join('\n');
  return { title: shader.title, description: shader.description, tags: shader.tags, code };
}

/** A plain string is a prompt. */
export function asFields(input: TextFields | string): TextFields {
  return typeof input === 'string' ? { prompt: input } : input;
}

/**
 * The prose of a text as one passage for the sentence encoder: "Title. Description. tag, tag."
 * (hyphenated tags read as words). Code is left out: identifier soup reads as noise to a model
 * trained on sentences, and measured worse; the lexical block carries it instead.
 */
export function proseOf(fields: TextFields): string {
  const tags = (fields.tags ?? []).map((t) => t.replace(/[-_]+/g, ' ').trim()).filter(Boolean);
  const parts = [fields.title, fields.prompt, fields.description, fields.details, tags.join(', ')]
    .map((s) => (s ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  // Sentences end with a full stop, so that a title does not run into its description.
  return parts.map((s, i) => (i < parts.length - 1 && !/[.!?:;]$/.test(s) ? `${s}.` : s)).join(' ');
}
