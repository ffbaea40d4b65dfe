/**
 * CRC-32 (IEEE 802.3, as zip uses it), table-driven and eight bytes at a time ("slicing by 8"):
 * pure JavaScript so that the browser build checks zip entries too. The tables and the running
 * value are signed 32-bit integers, which V8 keeps unboxed.
 */
const TABLE = buildTable();

/** Eight tables of 256 entries, one after the other. */
function buildTable(): Int32Array {
  const table = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let i = 256; i < table.length; i++) {
    const previous = table[i - 256] as number;
    table[i] = (previous >>> 8) ^ (table[previous & 0xff] as number);
  }
  return table;
}

export function crc32(data: Uint8Array): number {
  const t = TABLE;
  let crc = -1;
  let i = 0;
  const whole = data.length - (data.length % 8);
  for (; i < whole; i += 8) {
    const a = crc ^ ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24));
    crc =
      (t[1792 + (a & 0xff)] as number) ^
      (t[1536 + ((a >>> 8) & 0xff)] as number) ^
      (t[1280 + ((a >>> 16) & 0xff)] as number) ^
      (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (data[i + 4] as number)] as number) ^
      (t[512 + (data[i + 5] as number)] as number) ^
      (t[256 + (data[i + 6] as number)] as number) ^
      (t[data[i + 7] as number] as number);
  }
  for (; i < data.length; i++) crc = (t[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
