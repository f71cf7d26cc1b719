# The HTML report rendered by headless Chromium (Debian's `chromium`): the DOM it builds
# has one finding section per finding, the article text holding <script> and <img> is
# text (no script ran, no element was made from it), the severity filter works
# (#hide=error hides exactly the errors). Skipped, with a message, without chromium.
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (apt-get install chromium): the HTML report was not rendered"
  exit 0
fi
findings=$("$CC_BIN" check --rules rules/egov-vn.yaml --format json fixtures/seeds/*.txt \
  "$CASE/evil.txt" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["findings"]))')
dump() {
  profile=$(mktemp -d)
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom "$1" 2>>"$OUT/chromium.log"
  rc=$?
  rm -rf "$profile"
  return $rc
}
dump "file://$OUT/report.html" >"$OUT/dom.html" &&
  dump "file://$OUT/report.html#hide=error" >"$OUT/dom-hide.html" || {
  echo "chromium failed:"; tail -n 5 "$OUT/chromium.log"; exit 1; }
python3 - "$OUT/dom.html" "$OUT/dom-hide.html" "$findings" <<'PY'
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections, self.scripts, self.imgs, self.stack = [], [], 0, []
        self.text, self.title, self.shown, self.filter_hidden = [], "", None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == "section" and "finding" in a.get("class", "").split():
            self.sections.append((a.get("data-severity"), "hidden" in a))
        if tag == "script":
            self.scripts.append("")
        if tag == "img":
            self.imgs += 1
        if tag == "nav" and a.get("id") == "filter":
            self.filter_hidden = "hidden" in a
        if a.get("id") == "shown":
            self.shown = ""
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
    def handle_data(self, data):
        top = self.stack[-1] if self.stack else ""
        if top == "script":
            self.scripts[-1] += data
        elif top == "title":
            self.title += data
        else:
            self.text.append(data)
        if top == "span" and self.shown == "":
            self.shown = data

def load(path):
    d = Dom()
    d.feed(open(path, encoding="utf-8").read())
    return d

dom, hide, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
text = "".join(dom.text)
errors = []
if len(dom.sections) != n:
    errors.append("%d finding sections in the DOM, %d findings" % (len(dom.sections), n))
if len(dom.scripts) != 1 or "pwned" in dom.scripts[0]:
    errors.append("%d script elements (only the page's own expected)" % len(dom.scripts))
if dom.imgs:
    errors.append("an <img> element was made from article text")
if "pwned" in dom.title or not dom.title.startswith("crosscheck: "):
    errors.append("document title is %r" % dom.title)
for markup in ("<script>document.title='pwned'</script>",
               "<img src=x onerror=\"document.title='pwned'\">"):
    if markup not in text:
        errors.append("the article's %s is not on the page as text" % markup)
if dom.filter_hidden is not False or dom.shown != "%d of %d shown" % (n, n):
    errors.append("the filter script did not run (nav hidden %r, %r)" % (dom.filter_hidden, dom.shown))
nerr = sum(1 for sev, _ in hide.sections if sev == "error")
hidden = [sev for sev, h in hide.sections if h]
if nerr == 0 or hidden != ["error"] * nerr or hide.shown != "%d of %d shown" % (n - nerr, n):
    errors.append("#hide=error hid %s of %d errors (%r)" % (hidden, nerr, hide.shown))
print("\n".join(errors))
sys.exit(1 if errors else 0)
PY
