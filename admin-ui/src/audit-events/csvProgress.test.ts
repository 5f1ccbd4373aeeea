import { describe, expect, it } from 'vitest';
import { csvRowCounter } from './csvProgress.ts';

const encode = (text: string) => new TextEncoder().encode(text);

const CSV =
  '\ufeffid,action,after\r\n' +
  '1,auth.login,\r\n' +
  '2,welfare.update,"{""note"":""بدهی\r\nدارد""}"\r\n' +
  '3,request.submit,"a, b"\r\n';

describe('csvRowCounter', () => {
  it('counts data rows, not the header, nor line breaks inside quoted cells', () => {
    const counter = csvRowCounter();
    const bytes = encode(CSV);
    expect(counter.push(bytes)).toEqual({ bytes: bytes.byteLength, rows: 3 });
    expect(counter.finish()).toEqual({ bytes: bytes.byteLength, rows: 3 });
  });

  it('gives the same count however the stream is cut, even inside a Persian character', () => {
    const bytes = encode(CSV);
    for (let size = 1; size <= 7; size += 1) {
      const counter = csvRowCounter();
      const seen: number[] = [];
      for (let start = 0; start < bytes.length; start += size) {
        seen.push(counter.push(bytes.subarray(start, start + size)).rows);
      }
      expect(counter.finish().rows).toBe(3);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it('counts a last row without a line break once the stream ends', () => {
    const counter = csvRowCounter();
    expect(counter.push(encode('id\r\n1\r\n2')).rows).toBe(1);
    expect(counter.finish().rows).toBe(2);
  });

  it('counts nothing for a header alone or an empty stream', () => {
    expect(csvRowCounter().push(encode('id,action\r\n')).rows).toBe(0);
    expect(csvRowCounter().finish()).toEqual({ bytes: 0, rows: 0 });
  });
});
