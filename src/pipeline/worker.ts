// Entry point of each worker thread in the analysis pool.
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import type { DiscoveredFile } from '../sources/types.js';

export default function analyze({ files, maxFileSize }: { files: DiscoveredFile[]; maxFileSize: number }): FileAnalysis[] {
  return files.map((f) => analyzeFile(f, maxFileSize));
}
