import { pythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { calleeTail, enclosingFunction, receiver } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Clients of protocols that send credentials in clear text, and the call that sends them. */
const CLIENTS: Record<string, { protocol: string; login: string; secure?: string }> = {
  'telnetlib.Telnet': { protocol: 'Telnet', login: 'write' },
  'ftplib.FTP': { protocol: 'FTP', login: 'login' },
  'smtplib.SMTP': { protocol: 'SMTP', login: 'login', secure: 'starttls' },
  'poplib.POP3': { protocol: 'POP3', login: 'pass_', secure: 'stls' },
  'imaplib.IMAP4': { protocol: 'IMAP', login: 'login', secure: 'starttls' },
};

const LOGINS = new Set(Object.values(CLIENTS).map((c) => c.login));

export const cleartextProtocol: Rule = {
  meta: {
    id: 'py/cleartext-protocol',
    title: 'Credentials sent over a clear-text protocol',
    cwe: 319,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'The program logs in over Telnet, FTP, or SMTP/POP3/IMAP without TLS. The user name and password cross the network unencrypted, so anyone on the path (a shared Wi-Fi, a compromised router) reads them, along with everything else in the session.',
    solution:
      'Use the encrypted variant: SSH instead of Telnet, ftplib.FTP_TLS (then prot_p()) or SFTP instead of FTP, smtplib.SMTP_SSL or starttls() before login(), poplib.POP3_SSL, imaplib.IMAP4_SSL.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const tail = calleeTail(node);
        // Judged by name first: resolving what the receiver is costs far more.
        if (!tail || !LOGINS.has(tail)) return;
        const object = receiver(node);
        if (!object) return;
        const made = facts.qualifiedName(object)?.replace(/\(\)$/, '');
        const client = made ? CLIENTS[made] : undefined;
        if (!client || tail !== client.login) return;
        // Telnet has no login call: a password is what is written to it.
        if (client.protocol === 'Telnet' && !/pass/i.test(node.childForFieldName('arguments')?.text ?? '')) return;
        if (client.secure && securedBefore(enclosingFunction(node) ?? context.tree.rootNode, node, object.text, client.secure)) return;
        context.report({ node, message: `${object.text}.${tail}() sends the credentials over ${client.protocol} without TLS: anyone on the network path can read them.` });
      },
    };
  },
};

/** Whether the connection was upgraded (`smtp.starttls()`) before this call, in the same function. */
function securedBefore(scope: SyntaxNode, call: SyntaxNode, connection: string, method: string): boolean {
  return scope.descendantsOfType('call').some((c) => c.startIndex < call.startIndex && calleeTail(c) === method && receiver(c)?.text === connection);
}
