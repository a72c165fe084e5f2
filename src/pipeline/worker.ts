// Entry point of each worker thread in the analysis pool.
import { analyzeFiles, type FileAnalysis } from './analyze-file.js';
import type { DiscoveredFile } from '../sources/types.js';

export default function analyze({ files, maxFileSize }: { files: DiscoveredFile[]; maxFileSize: number }): Promise<FileAnalysis[]> {
  return analyzeFiles(files, maxFileSize);
}
