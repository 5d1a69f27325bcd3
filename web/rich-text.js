// The allow-list of lesson text: the only tags and attributes that lesson HTML may carry. The page's
// sanitizer (web/ui.js: richText) keeps exactly these and turns anything else into text; the lesson
// compiler (crates/lessons) refuses a lesson source that needs anything else, naming its file and line.
// Both read this one file: everything after `export default` is plain JSON (no comments, no trailing
// commas), so the compiler can parse it.
//
// "attributes" lists, per MathML tag ("*": any MathML tag), the attributes kept and what each may be:
// a list of values, "length" (a number with an optional unit: 0.1667em, -2pt) or "classes" (names from
// "classes", space-separated; web/style.css lays them out). HTML tags keep no attribute.
export default {
  "html": ["p", "strong", "em", "ul", "ol", "li", "code", "br", "mark", "sub", "sup"],
  "math": ["math", "mi", "mo", "mn", "mrow", "mfrac", "msup", "msub", "msubsup", "munderover", "munder", "mover",
    "msqrt", "mroot", "mtext", "mspace", "mtable", "mtr", "mtd", "mstyle", "semantics", "annotation"],
  "attributes": {
    "*": { "displaystyle": ["true", "false"], "scriptlevel": ["0", "1", "2"] },
    "math": { "display": ["block", "inline"] },
    "mi": { "mathvariant": ["normal"] },
    "mo": { "stretchy": ["true", "false"], "symmetric": ["true", "false"], "movablelimits": ["true", "false"],
      "largeop": ["true", "false"], "minsize": "length", "maxsize": "length" },
    "mspace": { "width": "length", "height": "length", "depth": "length" },
    "mfrac": { "linethickness": "length" },
    "mtable": { "class": "classes" },
    "mtr": { "class": "classes" },
    "mtd": { "class": "classes" }
  },
  "classes": ["menv-alignlike", "menv-align", "menv-arraylike", "menv-cells-left", "menv-cells-right", "menv-cases",
    "menv-multline", "menv-matrix", "cell-left", "cell-right"]
};
