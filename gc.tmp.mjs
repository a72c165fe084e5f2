import { PerformanceObserver } from 'node:perf_hooks';
const { review } = await import('./dist/src/pipeline/review.js');
let gc = 0, n = 0; const kinds = {};
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gc += e.duration; n++; kinds[e.detail.kind] = (kinds[e.detail.kind]||0) + e.duration; } }).observe({ entryTypes: ['gc'] });
const t = performance.now(); const c0 = process.cpuUsage();
await review({ paths: [process.argv[2]], root: process.argv[2], jobs: 1 });
const c = process.cpuUsage(c0);
await new Promise(r => setTimeout(r, 100));
console.log(process.execArgv.join(' '), 'wall', ((performance.now()-t)/1000).toFixed(1), 'cpu', ((c.user+c.system)/1e6).toFixed(1), 'gc', (gc/1000).toFixed(1), n, JSON.stringify(Object.fromEntries(Object.entries(kinds).map(([k,v])=>[k,(v/1000).toFixed(1)]))), 'rss', (process.resourceUsage().maxRSS/1024).toFixed(0));
