// JSON.parse keeps the last of two equal keys silently; log readers (jq, Loki, Elasticsearch)
// disagree on which one wins. This reads the raw text and names every key an object has twice.

/** Keys that occur more than once in one object of a JSON text, as "path.key" (top level: "key"). */
export function duplicateKeys(text: string): string[] {
  let at = 0;
  const duplicates: string[] = [];
  const skipSpace = (): void => {
    while (at < text.length && " \t\n\r".includes(text.charAt(at))) at++;
  };
  const readString = (): string => {
    const start = at;
    at++; // opening quote
    while (text.charAt(at) !== '"') {
      if (at >= text.length) throw new SyntaxError(`unterminated string at ${start}`);
      at += text.charAt(at) === "\\" ? 2 : 1;
    }
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const char = text.charAt(at);
    if (char === "{") {
      at++;
      const seen = new Set<string>();
      skipSpace();
      if (text.charAt(at) === "}") {
        at++;
        return;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        const keyPath = path === "" ? key : `${path}.${key}`;
        if (seen.has(key)) duplicates.push(keyPath);
        seen.add(key);
        skipSpace();
        if (text.charAt(at++) !== ":") throw new SyntaxError(`expected ':' at ${at - 1}`);
        readValue(keyPath);
        skipSpace();
        const next = text.charAt(at++);
        if (next === "}") return;
        if (next !== ",") throw new SyntaxError(`expected ',' or '}' at ${at - 1}`);
      }
    }
    if (char === "[") {
      at++;
      skipSpace();
      if (text.charAt(at) === "]") {
        at++;
        return;
      }
      for (let index = 0; ; index++) {
        readValue(`${path}[${index}]`);
        skipSpace();
        const next = text.charAt(at++);
        if (next === "]") return;
        if (next !== ",") throw new SyntaxError(`expected ',' or ']' at ${at - 1}`);
      }
    }
    if (char === '"') {
      readString();
      return;
    }
    const literal = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at));
    if (!literal) throw new SyntaxError(`unexpected '${char}' at ${at}`);
    at += literal[0].length;
  };
  readValue("");
  skipSpace();
  if (at !== text.length) throw new SyntaxError(`trailing text at ${at}`);
  return duplicates;
}
