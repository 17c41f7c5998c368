// Public API of the dataset pipeline (pure: runs in the import worker, on the main thread and in Node).
//
// Typical import:
//   const kind = detectSourceKind(file.name, sniffText(firstBytes));
//   for await (const batch of readRecords(kind, file.stream(), { signal })) { ...sample batch.records... }
//   const { mapping } = detectFormat(sample);               // shown to the user, who may edit it
//   const mapper = createRowMapper(mapping);
//   for await (const batch of readRecords(kind, file.stream(), { signal })) {
//     const { rows, errors } = mapper.push(batch.records);  // + batch.errors; progress = batch.bytesRead / file.size
//   }
//   const tail = mapper.finish();                           // long format emits its pivoted rows here
// or, in one call: `await parseDataset(source, { fileName })`.

export type {
  AbortSignalLike,
  ByteSource,
  ByteStreamLike,
  ConversationMapping,
  FieldMapping,
  FormatDetection,
  LabelEncoding,
  LongMapping,
  MapResult,
  ReadOptions,
  RecordBatch,
  ResponseMapping,
  SourceKind,
  SourceRecord,
} from './types';
export type { DetectedFormat, LineError, Row, SystemInfo } from '../core/types';

export { detectSourceKind, readRecords, sniffText, SNIFF_BYTES } from './read';
export { DEFAULT_MAX_LINE_BYTES } from './jsonl';
export { textSource } from './platform';
export { detectFormat, emptyMapping, type DetectOptions } from './detect-format';
export { createRowMapper, type RowMapper, type RowMapperOptions } from './row-mapper';
export { joinSystems, type JoinMiss, type JoinOptions, type JoinResult } from './join';
export { datasetContentHash, DatasetHasher } from './content-hash';
export { badLinesText, errorsToJsonl, isFatal } from './line-errors';
export { getPath } from './paths';
export { parseDataset, type ParseDatasetOptions, type ParsedDataset } from './parse-dataset';
