// Input validation middleware: zod schemas over query, route params, forms and JSON bodies, run
// before the handler; a failure answers 400 with the issues and the handler never sees bad input.
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';

function dropEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined));
}

function fail(c: Context, error: z.ZodError) {
  const issues = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  return c.json({ error: `invalid input: ${issues}` }, 400);
}

export const vQuery = <T extends z.ZodType>(schema: T) =>
  validator('query', (value, c) => {
    const parsed = schema.safeParse(dropEmpty(value));
    return parsed.success ? (parsed.data as z.output<T>) : fail(c, parsed.error);
  });

export const vParam = <T extends z.ZodType>(schema: T) =>
  validator('param', (value, c) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? (parsed.data as z.output<T>) : fail(c, parsed.error);
  });

export const vForm = <T extends z.ZodType>(schema: T) =>
  validator('form', (value, c) => {
    const parsed = schema.safeParse(dropEmpty(value));
    return parsed.success ? (parsed.data as z.output<T>) : fail(c, parsed.error);
  });

export const vJson = <T extends z.ZodType>(schema: T) =>
  validator('json', (value, c) => {
    const parsed = schema.safeParse(value ?? {});
    return parsed.success ? (parsed.data as z.output<T>) : fail(c, parsed.error);
  });
