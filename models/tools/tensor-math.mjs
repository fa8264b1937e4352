// Shape arithmetic and the few N-d array operations needed to fold
// constant subgraphs and to re-layout constants at conversion time.

export const sizeOf = (shape) => shape.reduce((a, b) => a * b, 1);

export function stridesOf(shape) {
  const strides = new Array(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

export const identityPerm = (rank) => [...Array(rank).keys()];
export const isIdentityPerm = (perm) => perm.every((p, i) => p === i);
export const invertPerm = (perm) => perm.reduce((inv, p, i) => { inv[p] = i; return inv; }, []);

export function broadcastShapes(a, b) {
  const rank = Math.max(a.length, b.length);
  const out = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Visits every index of shape in row-major order. */
function forEachIndex(shape, visit) {
  const index = new Array(shape.length).fill(0);
  const total = sizeOf(shape);
  for (let flat = 0; flat < total; flat++) {
    visit(index, flat);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

/** Offset of a (broadcast) index into a tensor of shape, aligned right. */
function broadcastOffset(index, shape, strides) {
  let offset = 0;
  const skip = index.length - shape.length;
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1) offset += index[skip + d] * strides[d];
  return offset;
}

export function broadcastBinary(a, b, fn, OutType) {
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new OutType(sizeOf(shape));
  const sa = stridesOf(a.shape);
  const sb = stridesOf(b.shape);
  forEachIndex(shape, (index, flat) => {
    out[flat] = fn(a.data[broadcastOffset(index, a.shape, sa)], b.data[broadcastOffset(index, b.shape, sb)]);
  });
  return { shape, data: out };
}

/** out = transpose(x, perm): out.shape[i] = x.shape[perm[i]]. */
export function transposeData(data, shape, perm) {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = stridesOf(shape);
  const out = new data.constructor(data.length);
  forEachIndex(outShape, (index, flat) => {
    let offset = 0;
    for (let d = 0; d < perm.length; d++) offset += index[d] * inStrides[perm[d]];
    out[flat] = data[offset];
  });
  return { shape: outShape, data: out };
}

export function concatData(parts, axis) {
  const shape = [...parts[0].shape];
  shape[axis] = parts.reduce((n, p) => n + p.shape[axis], 0);
  const out = new parts[0].data.constructor(sizeOf(shape));
  const outer = sizeOf(shape.slice(0, axis));
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const chunk = sizeOf(p.shape.slice(axis));
      out.set(p.data.subarray(o * chunk, (o + 1) * chunk), offset);
      offset += chunk;
    }
  }
  return { shape, data: out };
}

/**
 * Resolves TF StridedSlice arguments against a static input shape into one
 * {begin, end, step, shrink} per input axis plus the axes the output gains.
 * begin/end are normalised to in-range positions (end may be -1 for a
 * negative step, meaning "through index 0").
 */
export function resolveStridedSlice(shape, begin, end, strides, masks) {
  const bit = (mask, i) => (mask >> i) & 1;
  const specCount = begin.length;
  const hasEllipsis = masks.ellipsis !== 0;
  const consumingSpecs = [...Array(specCount).keys()].filter((i) => !bit(masks.newAxis, i) && !bit(masks.ellipsis, i)).length;
  const axes = [];
  const outputLayout = []; // 'new' or an input axis index, in output order (before shrink)
  let inputAxis = 0;
  for (let i = 0; i < specCount; i++) {
    if (bit(masks.ellipsis, i)) {
      const covered = shape.length - consumingSpecs;
      for (let k = 0; k < covered; k++) { axes.push(fullAxis(shape[inputAxis])); outputLayout.push(inputAxis++); }
    } else if (bit(masks.newAxis, i)) {
      outputLayout.push('new');
    } else {
      axes.push(sliceAxis(shape[inputAxis], begin[i], end[i], strides[i], bit(masks.begin, i), bit(masks.end, i), bit(masks.shrink, i)));
      outputLayout.push(inputAxis++);
    }
  }
  if (!hasEllipsis) while (inputAxis < shape.length) { axes.push(fullAxis(shape[inputAxis])); outputLayout.push(inputAxis++); }
  const outShape = [];
  for (const item of outputLayout) {
    if (item === 'new') outShape.push(1);
    else if (!axes[item].shrink) outShape.push(axes[item].size);
  }
  return { axes, outputLayout, outShape };
}

const fullAxis = (dim) => ({ begin: 0, end: dim, step: 1, shrink: false, size: dim });

function sliceAxis(dim, begin, end, step, beginMasked, endMasked, shrink) {
  if (step === 0) throw new Error('StridedSlice: stride 0');
  if (shrink) {
    const b = begin < 0 ? begin + dim : begin;
    if (b < 0 || b >= dim) throw new Error(`StridedSlice: index ${begin} out of range for dim ${dim}`);
    return { begin: b, end: b + 1, step: 1, shrink: true, size: 1 };
  }
  const [lo, hi] = step > 0 ? [0, dim] : [-1, dim - 1];
  const clamp = (v) => Math.min(hi, Math.max(lo, v));
  const b = beginMasked ? (step > 0 ? lo : hi) : clamp(begin < 0 ? begin + dim : begin);
  const e = endMasked ? (step > 0 ? hi : lo) : clamp(end < 0 ? end + dim : end);
  const size = Math.max(0, Math.ceil((e - b) / step));
  return { begin: b, end: e, step, shrink: false, size };
}

export function stridedSliceData(data, shape, resolved) {
  const sliceShape = resolved.axes.map((a) => a.size);
  const inStrides = stridesOf(shape);
  const out = new data.constructor(sizeOf(sliceShape));
  forEachIndex(sliceShape, (index, flat) => {
    let offset = 0;
    for (let d = 0; d < index.length; d++) offset += (resolved.axes[d].begin + index[d] * resolved.axes[d].step) * inStrides[d];
    out[flat] = data[offset];
  });
  return { shape: resolved.outShape, data: out };
}
