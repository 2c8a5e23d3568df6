/**
 * Slack's documented Block Kit limits as a pure checker. Slack rejects a payload that breaks
 * any of these (`invalid_blocks` / `invalid_arguments`), but only in production, with a terse
 * json-pointer. The fake Slack runs every payload through here so a builder that grows past a
 * limit (a long OKR title, a 51st milestone) fails a test instead of a user's command.
 *
 * Each violation is one human-readable line naming the path and the limit, e.g.
 * `blocks[3].text.text is 3001 characters (max 3000)`.
 */

export type BlockSurface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<BlockSurface, number> = { message: 50, modal: 100, home: 100 };
const MAX_MESSAGE_TEXT = 40_000;

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

/** Elements with nothing we check beyond action_id and placeholder. */
const SIMPLE_ELEMENTS = new Set([
  'channels_select',
  'conversations_select',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'external_select',
  'file_input',
  'multi_channels_select',
  'multi_conversations_select',
  'multi_external_select',
  'multi_users_select',
  'number_input',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  'users_select',
  'workflow_button',
]);

type Obj = Record<string, unknown>;

/**
 * block_ids are unique per message / per view; action_ids only within their containing block
 * (Slack: "unique among all other action_ids in the containing block"), so checkBlock resets them.
 */
interface Ctx {
  surface: BlockSurface;
  out: string[];
  actionIds: Set<string>;
  blockIds: Set<string>;
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkString(v: unknown, path: string, max: number, ctx: Ctx, required = false): void {
  if (v === undefined) {
    if (required) ctx.out.push(`${path} is required`);
    return;
  }
  if (typeof v !== 'string') {
    ctx.out.push(`${path} must be a string`);
    return;
  }
  if (v.length > max) ctx.out.push(`${path} is ${v.length} characters (max ${max})`);
}

function checkText(v: unknown, path: string, rule: TextRule, ctx: Ctx): void {
  if (v === undefined) {
    if (rule.required) ctx.out.push(`${path} is required`);
    return;
  }
  if (!isObj(v)) {
    ctx.out.push(`${path} must be a text object`);
    return;
  }
  if (v.type !== 'plain_text' && v.type !== 'mrkdwn') {
    ctx.out.push(`${path}.type must be "plain_text" or "mrkdwn" (got ${JSON.stringify(v.type)})`);
  } else if (rule.plainOnly && v.type !== 'plain_text') {
    ctx.out.push(`${path} must be plain_text (got mrkdwn)`);
  }
  if (typeof v.text !== 'string' || v.text.length === 0) {
    ctx.out.push(`${path}.text must be a non-empty string`);
    return;
  }
  if (v.text.length > rule.max) ctx.out.push(`${path}.text is ${v.text.length} characters (max ${rule.max})`);
}

function checkArray(v: unknown, path: string, max: number, ctx: Ctx, what: string): unknown[] {
  if (!Array.isArray(v)) {
    ctx.out.push(`${path} must be an array`);
    return [];
  }
  if (v.length === 0) ctx.out.push(`${path} must not be empty`);
  if (v.length > max) ctx.out.push(`${path} has ${v.length} ${what} (max ${max})`);
  return v;
}

function checkActionId(el: Obj, path: string, ctx: Ctx): void {
  // action_id is optional (Slack generates one), but when present it must be unique so the
  // app can tell which control was used.
  if (el.action_id === undefined) return;
  checkString(el.action_id, `${path}.action_id`, 255, ctx);
  if (typeof el.action_id !== 'string') return;
  if (ctx.actionIds.has(el.action_id)) ctx.out.push(`${path}.action_id "${el.action_id}" is not unique`);
  ctx.actionIds.add(el.action_id);
}

function checkConfirm(v: unknown, path: string, ctx: Ctx): void {
  if (v === undefined) return;
  if (!isObj(v)) {
    ctx.out.push(`${path} must be a confirmation dialog object`);
    return;
  }
  checkText(v.title, `${path}.title`, { max: 100, plainOnly: true, required: true }, ctx);
  checkText(v.text, `${path}.text`, { max: 300, required: true }, ctx);
  checkText(v.confirm, `${path}.confirm`, { max: 30, plainOnly: true, required: true }, ctx);
  checkText(v.deny, `${path}.deny`, { max: 30, plainOnly: true, required: true }, ctx);
}

function checkOptions(v: unknown, path: string, max: number, plainOnly: boolean, ctx: Ctx): void {
  checkArray(v, path, max, ctx, 'options').forEach((o, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(o)) {
      ctx.out.push(`${p} must be an option object`);
      return;
    }
    checkText(o.text, `${p}.text`, { max: 75, plainOnly, required: true }, ctx);
    checkString(o.value, `${p}.value`, 150, ctx, true);
    checkText(o.description, `${p}.description`, { max: 75 }, ctx);
    checkString(o.url, `${p}.url`, 3000, ctx);
  });
}

function checkSelect(el: Obj, path: string, ctx: Ctx): void {
  if (el.options === undefined && el.option_groups === undefined) {
    ctx.out.push(`${path} needs options or option_groups`);
  }
  if (el.options !== undefined) checkOptions(el.options, `${path}.options`, 100, true, ctx);
  if (el.option_groups !== undefined) {
    checkArray(el.option_groups, `${path}.option_groups`, 100, ctx, 'option groups').forEach((g, i) => {
      const p = `${path}.option_groups[${i}]`;
      if (!isObj(g)) {
        ctx.out.push(`${p} must be an object`);
        return;
      }
      checkText(g.label, `${p}.label`, { max: 75, plainOnly: true, required: true }, ctx);
      checkOptions(g.options, `${p}.options`, 100, true, ctx);
    });
  }
}

function checkTextInput(el: Obj, path: string, ctx: Ctx): void {
  const declaredMax = el.max_length;
  if (
    declaredMax !== undefined &&
    (typeof declaredMax !== 'number' || declaredMax > 3000 || declaredMax < 1)
  ) {
    ctx.out.push(`${path}.max_length must be a number from 1 to 3000 (got ${JSON.stringify(declaredMax)})`);
  }
  if (el.min_length !== undefined && (typeof el.min_length !== 'number' || el.min_length > 3000)) {
    ctx.out.push(`${path}.min_length must be a number up to 3000`);
  }
  const max = typeof declaredMax === 'number' ? Math.min(declaredMax, 3000) : 3000;
  if (typeof el.initial_value === 'string' && el.initial_value.length > max) {
    ctx.out.push(
      `${path}.initial_value is ${el.initial_value.length} characters, longer than max_length ${max}`,
    );
  }
}

function checkImage(el: Obj, path: string, ctx: Ctx): void {
  if (el.slack_file === undefined) checkString(el.image_url, `${path}.image_url`, 3000, ctx, true);
  checkString(el.alt_text, `${path}.alt_text`, 2000, ctx, true);
}

function checkElement(el: unknown, path: string, ctx: Ctx): void {
  if (!isObj(el)) {
    ctx.out.push(`${path} must be an element object`);
    return;
  }
  checkActionId(el, path, ctx);
  checkText(el.placeholder, `${path}.placeholder`, { max: 150, plainOnly: true }, ctx);
  checkConfirm(el.confirm, `${path}.confirm`, ctx);
  const type = el.type;
  if (type === 'button') {
    checkText(el.text, `${path}.text`, { max: 75, plainOnly: true, required: true }, ctx);
    checkString(el.value, `${path}.value`, 2000, ctx);
    checkString(el.url, `${path}.url`, 3000, ctx);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
      ctx.out.push(`${path}.style must be "primary" or "danger"`);
    }
  } else if (type === 'static_select' || type === 'multi_static_select') {
    checkSelect(el, path, ctx);
  } else if (type === 'overflow') {
    checkOptions(el.options, `${path}.options`, 5, true, ctx);
  } else if (type === 'radio_buttons' || type === 'checkboxes') {
    checkOptions(el.options, `${path}.options`, 10, false, ctx);
  } else if (type === 'plain_text_input') {
    checkTextInput(el, path, ctx);
  } else if (type === 'image') {
    checkImage(el, path, ctx);
  } else if (typeof type !== 'string' || !SIMPLE_ELEMENTS.has(type)) {
    ctx.out.push(`${path}.type ${JSON.stringify(type)} is not a known element type`);
  }
}

function checkBlockId(b: Obj, path: string, ctx: Ctx): void {
  if (b.block_id === undefined) return;
  checkString(b.block_id, `${path}.block_id`, 255, ctx);
  if (typeof b.block_id !== 'string') return;
  if (ctx.blockIds.has(b.block_id)) ctx.out.push(`${path}.block_id "${b.block_id}" is not unique`);
  ctx.blockIds.add(b.block_id);
}

function checkBlock(b: unknown, path: string, ctx: Ctx): void {
  if (!isObj(b)) {
    ctx.out.push(`${path} must be a block object`);
    return;
  }
  checkBlockId(b, path, ctx);
  ctx.actionIds = new Set();
  const type = b.type;
  const at = `${path} (${String(type)})`;
  switch (type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) ctx.out.push(`${at} needs text or fields`);
      checkText(b.text, `${path}.text`, { max: 3000 }, ctx);
      if (b.fields !== undefined) {
        checkArray(b.fields, `${path}.fields`, 10, ctx, 'fields').forEach((f, i) => {
          checkText(f, `${path}.fields[${i}]`, { max: 2000, required: true }, ctx);
        });
      }
      if (b.accessory !== undefined) checkElement(b.accessory, `${path}.accessory`, ctx);
      return;
    case 'header':
      checkText(b.text, `${path}.text`, { max: 150, plainOnly: true, required: true }, ctx);
      return;
    case 'context':
      checkArray(b.elements, `${path}.elements`, 10, ctx, 'elements').forEach((e, i) => {
        const p = `${path}.elements[${i}]`;
        if (isObj(e) && e.type === 'image') checkImage(e, p, ctx);
        else checkText(e, p, { max: 3000, required: true }, ctx);
      });
      return;
    case 'actions':
      checkArray(b.elements, `${path}.elements`, 25, ctx, 'elements').forEach((e, i) => {
        checkElement(e, `${path}.elements[${i}]`, ctx);
      });
      return;
    case 'input':
      // Slack only renders input blocks on surfaces that can be submitted.
      if (ctx.surface === 'message') ctx.out.push(`${at} is not allowed in messages`);
      checkText(b.label, `${path}.label`, { max: 2000, plainOnly: true, required: true }, ctx);
      checkText(b.hint, `${path}.hint`, { max: 2000, plainOnly: true }, ctx);
      if (b.element === undefined) ctx.out.push(`${path}.element is required`);
      else checkElement(b.element, `${path}.element`, ctx);
      return;
    case 'image':
      checkImage(b, path, ctx);
      checkText(b.title, `${path}.title`, { max: 2000, plainOnly: true }, ctx);
      return;
    case 'markdown':
      checkString(b.text, `${path}.text`, 12_000, ctx, true);
      return;
    default:
      if (typeof type !== 'string' || !KNOWN_BLOCK_TYPES.has(type)) {
        ctx.out.push(`${path}.type ${JSON.stringify(type)} is not a known block type`);
      }
  }
}

function checkBlockList(blocks: unknown, path: string, ctx: Ctx): void {
  if (!Array.isArray(blocks)) {
    ctx.out.push(`${path} must be an array`);
    return;
  }
  const max = MAX_BLOCKS[ctx.surface];
  if (blocks.length > max)
    ctx.out.push(`${path} has ${blocks.length} blocks (max ${max} in a ${ctx.surface})`);
  blocks.forEach((b, i) => {
    checkBlock(b, `${path}[${i}]`, ctx);
  });
}

function newCtx(surface: BlockSurface): Ctx {
  return { surface, out: [], actionIds: new Set(), blockIds: new Set() };
}

/** Violations of Slack's Block Kit limits in a `blocks` array shown on `surface`. */
export function validateBlocks(blocks: unknown, surface: BlockSurface): string[] {
  const ctx = newCtx(surface);
  checkBlockList(blocks, 'blocks', ctx);
  return ctx.out;
}

/** Violations in a message body (chat.postMessage / chat.update / response_url): text and blocks. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  const ctx = newCtx('message');
  if (message.text !== undefined) checkString(message.text, 'text', MAX_MESSAGE_TEXT, ctx);
  if (message.blocks !== undefined) checkBlockList(message.blocks, 'blocks', ctx);
  return ctx.out;
}

/** Violations in a view object as passed to views.open / push / update / publish. */
export function validateView(view: unknown): string[] {
  if (!isObj(view)) return ['view must be an object'];
  const surface: BlockSurface = view.type === 'home' ? 'home' : 'modal';
  const ctx = newCtx(surface);
  if (view.type !== 'modal' && view.type !== 'home') {
    ctx.out.push(`view.type must be "modal" or "home" (got ${JSON.stringify(view.type)})`);
  }
  if (surface === 'modal') {
    checkText(view.title, 'view.title', { max: 24, plainOnly: true, required: true }, ctx);
    checkText(view.submit, 'view.submit', { max: 24, plainOnly: true }, ctx);
    checkText(view.close, 'view.close', { max: 24, plainOnly: true }, ctx);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      ctx.out.push('view.submit is required when the modal has input blocks');
  }
  checkString(view.private_metadata, 'view.private_metadata', 3000, ctx);
  checkString(view.callback_id, 'view.callback_id', 255, ctx);
  checkString(view.external_id, 'view.external_id', 255, ctx);
  checkBlockList(view.blocks, 'view.blocks', ctx);
  return ctx.out;
}
