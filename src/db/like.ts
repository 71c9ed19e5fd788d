// A user's text inside a LIKE pattern: %, _ and \ match themselves, not any characters.
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
