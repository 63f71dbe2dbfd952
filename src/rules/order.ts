// String order by UTF-16 code units: the same on every machine and locale (localeCompare is not),
// so the rules pick the same profile id, the stores lock in one order and lists are written alike.
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
