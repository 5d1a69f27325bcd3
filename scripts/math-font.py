"""The formulas' font: Latin Modern Math cut down to the characters the lessons' formulas show.

    /usr/bin/python3 scripts/math-font.py <latinmodern-math.otf> <characters file> <out.woff2>

Chromium lays out MathML with the font's OpenType MATH table (script sizes and shifts, fraction
and radical rules, stretchy delimiters, large operators); without a math font, subscripts drift
and sums shrink. Latin Modern Math 1.959 comes from Debian's fonts-lmodern (GUST Font License,
an instance of the LPPL; see README.md); scripts/setup.sh fetches it. The characters file is
written by the lesson compiler (`descent-lessons … --math-chars`); fontTools keeps the MATH table
and, for those characters, their script-size (ssty) and larger variants and stretchy parts. As the
licence asks of derived fonts, the subset is renamed ("Descent Math"); its copyright and licence
entries stay. Needs fontTools and brotli (Debian: fonttools, python3-brotli).
"""
import sys

from fontTools import subset

NAME = "Descent Math"


def main(source, chars_file, out):
    with open(chars_file, encoding="utf-8") as f:
        # Spaces too (mtext), and the radical sign that <msqrt> draws without naming it.
        text = f.read() + " \u00a0\u221a"
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a browser reads
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    if "MATH" not in font:
        sys.exit("math-font: the subset lost its MATH table")
    names = font["name"]
    # Family, full name, PostScript name, typographic family: the derived font's own name.
    for record in names.names:
        if record.nameID in (1, 4, 16):
            record.string = NAME
        elif record.nameID == 6:
            record.string = NAME.replace(" ", "")
        elif record.nameID == 3:
            record.string = f"{NAME}: subset of Latin Modern Math 1.959 for Descent's lessons"
    subset.save_font(font, out, options)
    glyphs = len(font.getGlyphOrder())
    print(f"math font: {len(set(text))} characters, {glyphs} glyphs → {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
