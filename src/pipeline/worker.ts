// Entry point of each worker thread in the analysis pool.
import { analyzeFiles, type AnalysisOptions, type FileAnalysis } from './analyze-file.js';
import type { DiscoveredFile } from '../sources/types.js';

export default function analyze({ files, options }: { files: DiscoveredFile[]; options: AnalysisOptions }): Promise<FileAnalysis[]> {
  return analyzeFiles(files, options);
}
