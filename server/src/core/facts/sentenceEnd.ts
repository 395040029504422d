/** ".", "!", "?" or a line break at `i`, but not the point inside a number ("1.100 tỷ", "20.000 đồng"). */
export function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2e) return !(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)));
  return c === 0x21 || c === 0x3f || c === 0x0a;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
