import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import { argument, callArguments, calleeTail } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Calls that write a tar archive's members to disk under the names the archive gives them. */
const EXTRACTORS = new Set(['tarfile.open().extractall', 'tarfile.open().extract', 'tarfile.TarFile().extractall', 'tarfile.TarFile().extract', 'tarfile.TarFile.open().extractall', 'shutil.unpack_archive']);

export const tarExtraction: Rule = {
  meta: {
    id: 'py/tar-extraction',
    title: 'Tar archive extracted without checking its member paths',
    cwe: 22,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'tarfile writes each member where its name says: a name such as `../../etc/cron.d/job` or `/home/app/.ssh/authorized_keys`, or a link pointing outside, places files anywhere the process may write ("tar slip"). Without a `filter=` (Python 3.12, backported to 3.8.17+) or a checked `members=` list nothing stops that. Zip extraction is not reported: zipfile strips such names itself.',
    solution:
      'Pass filter="data" to extractall()/extract()/shutil.unpack_archive(), or pass members= a list you checked: resolve each member\'s target under the destination and refuse names that leave it, links, and device files.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        const tail = calleeTail(node);
        if (!callee || !EXTRACTORS.has(callee)) return;
        const { keywords, hasSplat } = callArguments(node);
        if (hasSplat || keywords.has('members')) return;
        // extractall(path, members, numeric_owner, *, filter): a positional members list is checked too.
        if (tail === 'extractall' && argument(node, 1)) return;
        const filter = keywords.get('filter');
        if (filter) {
          // Any filter but the one that trusts everything (or None, today's default) is a check: a
          // function of the project's own is one it wrote.
          const text = facts.constantValue(filter);
          const known = typeof text === 'string' ? text : text === null ? 'fully_trusted' : facts.qualifiedName(filter);
          if (known === undefined || !/fully_trusted/.test(known)) return;
        }
        const what = callee === 'shutil.unpack_archive' ? `shutil.unpack_archive(${shortText(argument(node, 0) ?? node)})` : `${shortText(node.childForFieldName('function') ?? node)}()`;
        context.report({ node, message: `${what} extracts a tar archive's members under the names the archive gives them, without a filter: a member named with \`..\` steps, an absolute path or a link can write files outside the destination.` });
      },
    };
  },
};
