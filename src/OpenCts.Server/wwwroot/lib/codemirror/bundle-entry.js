export { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, placeholder } from "@codemirror/view";
export { EditorState } from "@codemirror/state";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
export { linter, lintGutter, forceLinting } from "@codemirror/lint";
export { autocompletion, closeBrackets, completeFromList } from "@codemirror/autocomplete";
export { tags } from "@lezer/highlight";
