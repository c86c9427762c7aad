// @nlpjs/lang-ru ships no types; only what the engine uses is declared.
declare module "@nlpjs/lang-ru" {
  export class StemmerRu {
    stemWord(word: string): string;
  }
}
declare module "@nlpjs/lang-ru/src/sentiment/afinn_ru.json" {
  const afinn: Record<string, string>;
  export default afinn;
}
