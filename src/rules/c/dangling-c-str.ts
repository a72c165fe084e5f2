import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

/** Calls that return a new std::string by value: their result dies at the end of the full expression. */
const STRING_FACTORIES = /^(?:std::)?(?:string|wstring|to_string|to_wstring|u8string|u16string|u32string)$/;
const STRING_RETURNING_METHODS = new Set(['substr', 'str']);

export const danglingCStr: Rule = {
  meta: {
    id: 'c/dangling-c-str',
    title: 'Pointer kept into a temporary string',
    cwe: 416,
    defectType: 'use-after-free',
    severity: 'high',
    confidence: 'high',
    languages: ['cpp'],
    description:
      'c_str() or data() of a temporary std::string (std::to_string(n), a + b, s.substr(i), ss.str()) points into memory that is freed at the end of the statement. The pointer is kept in a variable, so every later use reads freed memory, which may already hold other data.',
    solution:
      'Keep the string itself in a variable for as long as the pointer is needed (std::string text = std::to_string(n); const char *p = text.c_str();), or pass the temporary\'s c_str() directly as a call argument, where it lives until the call returns.',
  },
  create(context) {
    const report = (node: SyntaxNode, target: string, call: SyntaxNode, owner: SyntaxNode): void => {
      context.report({ node, message: `\`${target}\` keeps ${call.text.length > 60 ? 'a pointer' : `\`${call.text}\``} into the temporary string \`${owner.text.length > 40 ? `${owner.text.slice(0, 39)}…` : owner.text}\`, which is destroyed at the end of this statement: every later use of \`${target}\` reads freed memory.` });
    };
    return {
      init_declarator(node) {
        const value = node.childForFieldName('value');
        const owner = value && temporaryOwner(value);
        let id = node.childForFieldName('declarator');
        while (id && id.type !== 'identifier') id = id.childForFieldName('declarator');
        if (owner && id && value) report(node, id.text, value, owner);
      },
      assignment_expression(node) {
        const value = node.childForFieldName('right');
        const owner = value && temporaryOwner(value);
        const left = node.childForFieldName('left');
        if (owner && left && value) report(node, left.text, value, owner);
      },
    };
  },
};

/** For `<temporary string>.c_str()` (or `.data()`), the temporary. */
function temporaryOwner(value: SyntaxNode): SyntaxNode | undefined {
  let call = value;
  while (call.type === 'parenthesized_expression' || call.type === 'cast_expression') call = (call.type === 'cast_expression' ? call.childForFieldName('value') : call.namedChildren[0]) ?? call;
  if (call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'field_expression' || !/^(c_str|data)$/.test(fn.childForFieldName('field')?.text ?? '')) return undefined;
  let owner = fn.childForFieldName('argument');
  while (owner?.type === 'parenthesized_expression') owner = owner.namedChildren[0];
  if (!owner) return undefined;
  // `(a + b).c_str()` compiles only when the sum is a new string.
  if (owner.type === 'binary_expression' && owner.childForFieldName('operator')?.text === '+') return owner;
  if (owner.type !== 'call_expression') return undefined;
  const made = owner.childForFieldName('function');
  if (made && (made.type === 'identifier' || made.type === 'qualified_identifier') && STRING_FACTORIES.test(made.text.replace(/\s+/g, ''))) return owner;
  if (made?.type === 'field_expression' && STRING_RETURNING_METHODS.has(made.childForFieldName('field')?.text ?? '')) return owner;
  return undefined;
}
