// Shared by the page and the model worker: the worker's name carries the bundled-models path.

/** Prefix of the worker name before the models path. */
export const MODELS_NAME_PREFIX = 'yardstick-model:';
