// Models offered in the picker. Hub entries list the ONNX weight files their repositories actually hold
// (checked against the hub's file listings: onnx/model.onnx, model_fp16, model_quantized, model_q4).
import type { Device, Dtype } from './protocol';

/** A pickable model. */
export interface CatalogModel {
  id: string;
  label: string;
  kind: 'bundled' | 'hub';
  dtypes: Dtype[];
  /** Approximate download at the default dtype. */
  sizeNote: string;
}

/** The generated models served by the app (no download). */
export const BUNDLED_MODELS: CatalogModel[] = [
  {
    id: 'demo-bigram',
    label: 'Demo byte bigram (English, bundled)',
    kind: 'bundled',
    dtypes: ['fp32'],
    sizeNote: '265 KB',
  },
  {
    id: 'tiny-attn',
    label: 'Tiny attention test model (bundled)',
    kind: 'bundled',
    dtypes: ['fp32'],
    sizeNote: '160 KB',
  },
  {
    id: 'tiny-bigram',
    label: 'Tiny bigram test model (bundled)',
    kind: 'bundled',
    dtypes: ['fp32'],
    sizeNote: '265 KB',
  },
];

/** Small causal LMs on the Hugging Face hub with transformers.js-ready ONNX exports. */
export const HUB_MODELS: CatalogModel[] = [
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    label: 'SmolLM2 135M Instruct',
    kind: 'hub',
    dtypes: ['fp32', 'fp16', 'q4'],
    sizeNote: '200 MB (q4)',
  },
  {
    id: 'HuggingFaceTB/SmolLM-135M',
    label: 'SmolLM 135M (base)',
    kind: 'hub',
    dtypes: ['fp32', 'fp16', 'q8', 'q4'],
    sizeNote: '136 MB (q8)',
  },
  {
    id: 'Xenova/gpt2',
    label: 'GPT-2 (124M)',
    kind: 'hub',
    dtypes: ['fp32', 'fp16', 'q8', 'q4'],
    sizeNote: '128 MB (q8)',
  },
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B Instruct',
    kind: 'hub',
    dtypes: ['fp32', 'fp16', 'q8', 'q4'],
    sizeNote: '512 MB (q8)',
  },
];

/** dtype ↔ ONNX file suffix, as transformers.js's DEFAULT_DTYPE_SUFFIX_MAPPING. */
export const DTYPE_SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4' };

/** dtypes present in a folder, from its file paths (onnx/model{suffix}.onnx). */
export function dtypesInFiles(paths: readonly string[]): Dtype[] {
  const names = new Set(paths.map((p) => p.replace(/^.*?onnx\//, 'onnx/')));
  return (Object.keys(DTYPE_SUFFIX) as Dtype[]).filter((d) => names.has(`onnx/model${DTYPE_SUFFIX[d]}.onnx`));
}

/**
 * Default dtype: fp32 on onnxruntime-node's CPU provider (transformers.js's own default there), q8 on WASM (fast
 * int8 kernels, a quarter of the download), fp16 on WebGPU adapters with shader-f16, else fp32.
 */
export function defaultDtype(device: Device, available: readonly Dtype[], hasShaderF16: boolean): Dtype {
  const order: Dtype[] =
    device === 'cpu'
      ? ['fp32', 'q8', 'fp16', 'q4']
      : device === 'webgpu'
        ? hasShaderF16
          ? ['fp16', 'fp32', 'q4', 'q8']
          : ['fp32', 'q4', 'q8', 'fp16']
        : ['q8', 'q4', 'fp32', 'fp16'];
  return order.find((d) => available.includes(d)) ?? available[0] ?? 'fp32';
}
