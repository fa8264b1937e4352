// localvision: Azure AI Vision Image Analysis, on the device.

/** Azure's visual features (v3.2 and 4.0 names; case-insensitive). */
export type VisualFeature =
  | 'color' | 'imageType' | 'smartCrops'
  | 'objects' | 'people' | 'faces' | 'adult' | 'read'
  | 'tags' | 'brands' | 'categories' | 'description' | 'caption' | 'denseCaptions';

export type Language = 'en' | 'es' | 'ja' | 'pt' | 'zh';
export type OutputFormat = 'azure-v3.2' | 'azure-v4.0';

export interface AnalyzeOptions {
  /** Default: every feature this build computes without extra models. */
  features?: VisualFeature[] | string;
  /**
   * Azure's `details`: 'celebrities' (the local people gallery), 'landmarks'
   * (from a landmarks plugin; without one the analysis runs without them and
   * `warnings` says so). Other names throw InvalidDetails.
   */
  details?: Array<'celebrities' | 'landmarks'> | string;
  /** Default 'en'. Others throw NotSupportedLanguage. */
  language?: Language;
  /** 'latest' or a date 'YYYY-MM-DD' (accepted for compatibility; results report the local model set's version). */
  modelVersion?: string;
  /** Default 'azure-v3.2'. */
  format?: OutputFormat;
  /** Smart-crop aspect ratios (width / height, 0.75..1.8). Default: one crop, ratio chosen. */
  smartCropsAspectRatios?: number[];
  /** Caption candidates to return (1..10). */
  maxCandidates?: number;
  /** Cancels the analysis; the promise rejects with innerCode 'CancelledRequest'. */
  signal?: AbortSignal;
}

export interface Limits {
  /** Largest encoded input in bytes. Default 20 MB (20971520). */
  maxBytes?: number;
  /** Shortest allowed side in pixels. Default 50. */
  minSide?: number;
  /** Longest allowed side in pixels. Default 16000. */
  maxSide?: number;
  /** Most pixels (width x height). Default 50,000,000: keeps the WebAssembly heap under ~400 MB while decoding. */
  maxPixels?: number;
}

/** Loading progress of one file (a model or its labels), in bytes. */
export interface ModelProgress { model: string; file: 'model' | 'labels'; loaded: number; total: number }

/** Model ids of models/manifest.json. */
export type ModelId = 'objects' | 'faces' | 'faces-448' | 'face-embedding' | 'adult' | 'ocr-det' | 'ocr-rec' | 'ocr-cls' | 'classifier';

/**
 * An app's own ONNX image classifier (README, "Pluggable models"): run on the
 * whole image, its labels join tags, categories[].detail.landmarks
 * (details: ['landmarks']) or brands.
 */
export interface PluginModel {
  /** A name of letters, digits, '.', '_' or '-'; not a built-in model id. */
  id: string;
  task: 'tags' | 'landmarks' | 'brands';
  /** The .onnx file: URL, path (Node) or bytes. */
  file: string | URL | Uint8Array | ArrayBuffer;
  /** Required: the file's SHA-256 (64 hex digits, e.g. from `sha256sum model.onnx`); checked before it runs. */
  sha256: string;
  /** A text file of class names, one per output value: URL, path or bytes. Or give `labelsText`. */
  labels?: string | URL | Uint8Array | ArrayBuffer;
  labelsText?: string;
  /** Optional: the labels' SHA-256 (of the file, or of labelsText as UTF-8); when given, checked before use. */
  labelsSha256?: string;
  /** How the image is prepared: x' = (x * scale - mean[c]) / std[c], x in 0..255. */
  input: {
    name: string;
    size: [height: number, width: number];
    layout?: 'NHWC' | 'NCHW';              // default NHWC
    resize?: 'stretch' | 'letterbox';      // default stretch
    colorOrder?: 'RGB' | 'BGR';            // default RGB
    scale?: number;                        // default 1
    mean?: [number, number, number];       // default [0, 0, 0]
    std?: [number, number, number];        // default [1, 1, 1]
  };
  /** The output holding one score per label, and what turns it into probabilities (default softmax). */
  output: { name: string; activation?: 'softmax' | 'sigmoid' | 'none' };
  /** Labels at or above this probability are kept (default 0.5). */
  threshold?: number;
  /** At most this many labels per image, best first (default 5). */
  maxResults?: number;
}

export interface CreateAnalyzerOptions {
  limits?: Limits;
  /** The app's own classifiers; see PluginModel. */
  plugins?: PluginModel[];
  /**
   * Where the model files are: a base URL or folder holding the files that
   * `npx localvision models` writes, or a map of model id to URL, path or
   * bytes (plus optional `labels: {id: url}`). Each file is checked against
   * its sha256 in models/manifest.json before use. Node: a folder's missing
   * files are models not given (features needing them are not offered);
   * default: the package's models/dist when present. Nothing else is ever
   * fetched.
   */
  models?: string | URL | (Partial<Record<ModelId, string | URL | Uint8Array | ArrayBuffer>> & { labels?: Partial<Record<ModelId, string>> });
  /** Loading progress of model and label files. */
  onProgress?: (progress: ModelProgress) => void;
  /** An onnxruntime module: onnxruntime-node in Node/Electron for native speed. Default: onnxruntime-web. */
  ort?: unknown;
  /** Browser: URL of onnxruntime-web's ESM build, for pages without a bundler or import map. */
  ortUrl?: string | URL;
  /** Inference threads. Default: min(4, cores) where threads are possible, else 1. */
  numThreads?: number;
  /** Browser: run in a Web Worker (default true on a page). */
  worker?: boolean;
  /** Browser: URL of this package's web/worker.js when it is served elsewhere. */
  workerUrl?: string | URL;
  /** Browser: URL of models/manifest.json. Default: next to this package's web/ folder. */
  manifestUrl?: string | URL;
  /** Which WebAssembly build: 'auto' (threaded where a core is left over for its helper thread, i.e. more cores than `numThreads`, in Node or on a cross-origin isolated page; else single, so with the default numThreads on up to 4 cores; a browser that does not report navigator.hardwareConcurrency counts as one core), 'threaded' or 'single'. */
  build?: 'auto' | 'threaded' | 'single';
  /** Browser only: where the package's wasm/ folder is served. Default: next to this module. */
  wasmBaseUrl?: string | URL;
}

/** Encoded bytes, a Blob or File, decoded pixels, or an http(s) URL (fetched by this environment). */
export type ImageInput =
  | Uint8Array | ArrayBuffer | ArrayBufferView | Blob
  | ImageData | { data: Uint8ClampedArray | Uint8Array; width: number; height: number }
  | string | URL;

export interface ColorInfo {
  dominantColorForeground: string;
  dominantColorBackground: string;
  dominantColors: string[];
  /** Six hex digits, no '#'. */
  accentColor: string;
  isBWImg: boolean;
  isBwImg: boolean;
}

export interface ImageType {
  /** 0 non-clip-art, 1 ambiguous, 2 normal, 3 good clip art. */
  clipArtType: 0 | 1 | 2 | 3;
  /** 1 for a line drawing. */
  lineDrawingType: 0 | 1;
}

export interface BoundingBox { x: number; y: number; w: number; h: number }

export interface SmartCropsResult {
  values: Array<{ aspectRatio: number; boundingBox: BoundingBox }>;
}

/** Azure v3.2 object: box in original-image pixels, with Azure-style parents. */
export interface DetectedObject {
  rectangle: BoundingBox;
  object: string;
  confidence: number;
  parent?: ObjectHierarchy;
}
export interface ObjectHierarchy { object: string; confidence: number; parent?: ObjectHierarchy }

export interface AdultInfo {
  isAdultContent: boolean;
  isRacyContent: boolean;
  /** Always false: no gore model exists (see README, Adult content). */
  isGoryContent: boolean;
  adultScore: number;
  racyScore: number;
  goreScore: number;
}

/** A face box only: no age, gender or any attribute, ever. */
export interface FaceDescription { faceRectangle: FaceRectangle }

export interface Celebrity { name: string; confidence: number; faceRectangle: FaceRectangle }
export interface Category {
  name: string;
  score: number;
  detail?: { celebrities?: Celebrity[]; landmarks?: Array<{ name: string; confidence: number }> };
}
/** `hint` tells two senses of one name apart ("crane": "bird" or "lifting device"), in English. */
export interface Tag { name: string; confidence: number; hint?: string }
export interface ImageDescription { tags: string[]; captions: Array<{ text: string; confidence: number }> }
export interface DetectedBrand { name: string; confidence: number; rectangle: BoundingBox }

export interface Point { x: number; y: number }
export interface ReadResult {
  blocks: Array<{
    lines: Array<{
      text: string;
      /** Four points, clockwise from top-left, in image pixels. */
      boundingPolygon: Point[];
      words: Array<{ text: string; boundingPolygon: Point[]; confidence: number }>;
    }>;
  }>;
}
export interface PeopleResult { values: Array<{ boundingBox: BoundingBox; confidence: number }> }
export interface ObjectsResult { values: Array<{ boundingBox: BoundingBox; tags: Tag[] }> }

/** Azure v3.2 `ImageAnalysis` (the members of the features that ran). */
export interface ImageAnalysisV32 {
  categories?: Category[];
  adult?: AdultInfo;
  color?: ColorInfo;
  imageType?: ImageType;
  tags?: Tag[];
  description?: ImageDescription;
  faces?: FaceDescription[];
  objects?: DetectedObject[];
  brands?: DetectedBrand[];
  /** 4.0 members, also returned in v3.2 when their features are asked for. */
  readResult?: ReadResult;
  peopleResult?: PeopleResult;
  /** A 4.0 member, returned in v3.2 too when 'smartCrops' is asked for. */
  smartCropsResult?: SmartCropsResult;
  /** 4.0 members, returned in v3.2 too when 'caption' or 'denseCaptions' is asked for. */
  captionResult?: ImageAnalysisV40['captionResult'];
  denseCaptionsResult?: ImageAnalysisV40['denseCaptionsResult'];
  requestId: string;
  /** format: from the file's magic bytes; 'Ico' also for CUR cursors, 'Mpo' for a multi-picture JPEG (its first image is analysed), 'Raw' for ImageData. */
  metadata: { width: number; height: number; format: 'Jpeg' | 'Png' | 'Gif' | 'Bmp' | 'Webp' | 'Tiff' | 'Ico' | 'Mpo' | 'Raw' };
  modelVersion: string;
  /** E.g. an animated GIF or WebP analysed on its first frame, or details: ['landmarks'] ignored without a landmarks plugin. */
  warnings?: string[];
}

/** Azure 4.0 result shape. */
export interface ImageAnalysisV40 {
  captionResult?: { text: string; confidence: number };
  /** 'denseCaptions': the whole image first, then up to 9 detected objects and people, each captioned from its own crop. */
  denseCaptionsResult?: { values: Array<{ text: string; confidence: number; boundingBox: BoundingBox }> };
  tagsResult?: { values: Tag[] };
  objectsResult?: ObjectsResult;
  peopleResult?: PeopleResult;
  readResult?: ReadResult;
  smartCropsResult?: SmartCropsResult;
  /** v3.2 members, returned in 4.0 too when their features are asked for. */
  color?: ColorInfo;
  imageType?: ImageType;
  adult?: AdultInfo;
  tags?: Tag[];
  description?: ImageDescription;
  categories?: Category[];
  brands?: DetectedBrand[];
  requestId: string;
  metadata: { width: number; height: number };
  modelVersion: string;
  warnings?: string[];
}

/** The known-people gallery of one analyzer (Azure's `details: ['celebrities']`), in memory only. */
export interface PeopleGallery {
  /** Enrols the largest face of each image under `name`. Rejects (BadArgument) when an image has no face. */
  enroll(name: string, images: ImageInput | ImageInput[], options?: { signal?: AbortSignal }): Promise<{ name: string; faceRectangle: FaceRectangle; descriptors: number }>;
  /** In a worker (browser default) these return promises. */
  list(): Array<{ name: string; descriptors: number }> | Promise<Array<{ name: string; descriptors: number }>>;
  remove(name: string): boolean | Promise<boolean>;
  clear(): void | Promise<void>;
  /** JSON text of face descriptors (never images): persist it only with your users' consent. */
  export(): string | Promise<string>;
  import(json: string | object): void | Promise<void>;
}

export interface FaceRectangle { left: number; top: number; width: number; height: number }

export interface ThumbnailOptions {
  /** Pixels, 1..1024. */
  width: number;
  /** Pixels, 1..1024. */
  height: number;
  /** Crop where the image's interest is (Azure's smartCropping); default false: the centre. */
  smartCropping?: boolean;
  /** Default 'jpeg'. */
  format?: 'jpeg' | 'png';
  signal?: AbortSignal;
}

export interface Analyzer {
  /** The app's known people. */
  readonly people: PeopleGallery;
  /** Which WebAssembly build runs. */
  readonly build: 'threaded' | 'single';
  /** The configured model ids: the manifest's, then the plugins' (frozen). */
  readonly models: readonly (ModelId | (string & {}))[];
  /** The visual features this analyzer can compute with those models (the default when an analysis names none). */
  readonly features: readonly VisualFeature[];
  /** The details it can answer: 'celebrities' with the face models ('faces', 'faces-448', 'face-embedding'), 'landmarks' with a landmarks plugin. */
  readonly details: readonly ('celebrities' | 'landmarks')[];
  /** Loads and verifies models (default: all configured) before the first analysis needs them. */
  preload(ids?: ModelId[]): Promise<void>;
  /**
   * Analyses one image (Azure's analyze: the same features, options and JSON). On
   * onnxruntime-web the detectors (objects, faces) first run unoptimised, for a sooner first
   * result; when the first analysis that ran them has ended, optimised sessions replace them
   * (12-30% less per run); in a tight loop, one of the next analyses waits while they are
   * created (0.3-0.45 s once, Node, 2 cores). Errors: AnalysisError with Azure's code and innerCode.
   */
  analyze(input: ImageInput, options?: AnalyzeOptions & { format?: 'azure-v3.2' }): Promise<ImageAnalysisV32>;
  analyze(input: ImageInput, options: AnalyzeOptions & { format: 'azure-v4.0' }): Promise<ImageAnalysisV40>;
  /**
   * Azure's generateThumbnail: the image cropped to width/height's aspect ratio (where its
   * interest is with smartCropping, else the centre) and resized to exactly width x height,
   * encoded as JPEG (default) or PNG. Errors (AnalysisError): InvalidThumbnailSize (a side not
   * a whole number in 1..1024), BadArgument, InvalidImageFormat, InvalidImageSize.
   */
  thumbnail(input: ImageInput, options: ThumbnailOptions): Promise<Uint8Array>;
  /** Debug: the byte length of the analyzer's WebAssembly heap (in its worker on a page). Grows, never shrinks. */
  memory(): Promise<{ wasmHeapBytes: number }>;
  /** Frees the WebAssembly instance, its threads, model sessions and (in the browser) the worker. */
  dispose(): void;
}

export declare function createAnalyzer(options?: CreateAnalyzerOptions): Promise<Analyzer>;

/** Azure's error envelope as an exception. */
export declare class AnalysisError extends Error {
  /** 'InvalidRequest' (a caller's mistake) or 'InternalServerError'. */
  readonly code: 'InvalidRequest' | 'InternalServerError' | string;
  /** 'InvalidImageFormat', 'InvalidImageSize', 'InvalidImageUrl', 'NotSupportedVisualFeature', 'NotSupportedLanguage', 'InvalidDetails', 'InvalidModel', 'InvalidThumbnailSize', 'BadArgument', 'CancelledRequest', ... */
  readonly innerCode: string;
  toJSON(): { error: { code: string; message: string; innererror: { code: string; message: string } } };
}
