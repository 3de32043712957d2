import {isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node} from 'yaml'

/** JSON pointer segments, unescaped. */
export const pointerSegments = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))

const child = (node: Node, seg: string): {node?: Node; keyNode?: Node} => {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg)
    if (!pair) return {}
    return {node: isNode(pair.value) ? pair.value : undefined, keyNode: isNode(pair.key) ? pair.key : undefined}
  }
  if (isSeq(node)) {
    const item = node.items[Number(seg)]
    return {node: isNode(item) ? item : undefined}
  }
  return {}
}

/**
 * The deepest YAML node that a JSON pointer reaches, so a schema error points at the line of the value
 * (or of its key when `preferKey` and the value is absent), never just at the top of the file.
 */
export const nodeAt = (doc: Document, pointer: string, preferKey = false): Node | undefined => {
  let node: Node | undefined = isNode(doc.contents) ? doc.contents : undefined
  const segs = pointerSegments(pointer)
  for (const [i, seg] of segs.entries()) {
    if (!node) break
    const next = child(node, seg)
    // Only the last segment's key: an unknown field deep in the file is reported at its own key.
    if (preferKey && next.keyNode && i === segs.length - 1) return next.keyNode
    if (!next.node) return next.keyNode ?? node
    node = next.node
  }
  return node
}

export const positionOf = (node: Node | undefined, lc: LineCounter): {line: number; col: number} => {
  const offset = node?.range?.[0] ?? 0
  return lc.linePos(offset)
}

export {isPair}
