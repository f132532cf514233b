#!/usr/bin/env python3
"""Minify the official Kubernetes icons into SVG <symbol> fragments for kubeglass.

Reads the Inkscape exports from the shared icon set (default
/work/shared/assets/k8s-icons, or the directory given with --src) and writes one
file per icon to crates/core/assets/icons/<name>.svg, each a single
<symbol id="kg-icon-<name>" viewBox="..."> element. See
crates/core/assets/icons/NOTICE.md for provenance and license.

What it does to each icon:
  * drops the XML declaration, comments, <metadata>, <sodipodi:namedview>, empty
    <defs>, every sodipodi/inkscape/rdf/dc/cc element and attribute, all ids and
    pointer-events;
  * turns the paint-relevant part of `style` into presentation attributes (fill,
    fill-opacity, fill-rule, stroke, stroke-width, stroke-opacity, stroke-linecap,
    stroke-linejoin, plus stroke-miterlimit, stroke-dasharray, stroke-dashoffset
    and opacity, without which the dashed outlines of several icons would change)
    and drops the rest (fonts, color, display:inline, ...); values that change
    nothing are dropped too (fill-opacity:1, stroke-width on an unstroked shape,
    linecaps on a closed undashed path, ...), and a zero-width stroke becomes
    stroke="none", but fill and stroke themselves are kept so that a fill/stroke
    set by the page around a <use> never leaks into an icon. Stroke widths are
    rounded to 2 decimals, dash lengths and offsets to 3 (the offset reduced
    modulo the dash period first), so that dashes do not drift along a path;
  * unwraps groups (and <a>) that carry no attribute any more, pushes a group's
    transform down into its children when that removes the group;
  * rounds path data, transforms and shape geometry to 2 decimals. Paths are
    rewritten from absolute coordinates with the rounding error carried along, so
    relative segments never accumulate error. Before a transform with a
    rotation/scale part is rounded, the content under it is re-centred on its own
    bounding box (the translation absorbs the shift), so that rounding e.g. 0.4887
    to 0.49 does not get multiplied by coordinates like -225;
  * collapses whitespace and writes numbers in their shortest form.

Every run starts with a self-test of the path parser and writer (exponents such
as -1.5e-5, commas, implicit separators, compact arc flags, error carrying).
It then re-parses what it wrote and compares every path/shape point, in the
coordinates of the viewBox, with the original, and fails if any point moved more
than MAX_DEVIATION viewBox units. The run is deterministic.

Usage: python3 scripts/minify_icons.py [--src DIR] [--out DIR]
       python3 scripts/minify_icons.py --self-test
Python 3 standard library only.
"""

import argparse
import gzip
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SRC = "/work/shared/assets/k8s-icons"
DEFAULT_OUT = os.path.join(ROOT, "crates", "core", "assets", "icons")

# (output name, source path relative to the icon set)
ICONS = [
    ("pod", "resources/pod.svg"),
    ("svc", "resources/svc.svg"),
    ("ep", "resources/ep.svg"),
    ("deploy", "resources/deploy.svg"),
    ("rs", "resources/rs.svg"),
    ("sts", "resources/sts.svg"),
    ("ds", "resources/ds.svg"),
    ("job", "resources/job.svg"),
    ("cronjob", "resources/cronjob.svg"),
    ("pv", "resources/pv.svg"),
    ("pvc", "resources/pvc.svg"),
    ("sc", "resources/sc.svg"),
    ("vol", "resources/vol.svg"),
    ("cm", "resources/cm.svg"),
    ("secret", "resources/secret.svg"),
    ("ns", "resources/ns.svg"),
    ("ing", "resources/ing.svg"),
        ("netpol", "resources/netpol.svg"),
    ("user", "resources/user.svg"),
    ("node", "infrastructure_components/node.svg"),
    ("control-plane", "infrastructure_components/control-plane.svg"),
]

SVG_NS = "http://www.w3.org/2000/svg"
ID_PREFIX = "kg-icon-"
# Largest allowed displacement of any point, in viewBox units. The viewBox is
# about 18 units wide, so 0.06 is 0.16 px at 48 px and 0.09 px at 28 px. The
# largest shift comes from the background heptagon, whose group is scaled by
# 1.0148887 in the original and by 1.01 once rounded (about 0.05 units at its rim).
MAX_DEVIATION = 0.06

# Elements that are dropped with their content, wherever they are.
DROP_ELEMENTS = {"metadata", "title", "desc"}
# Containers that are kept (as <g>); <a> has no meaning inside an icon.
CONTAINERS = {"g", "a"}
SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}

# Kept properties, in output order. All of them except opacity are inherited.
PAINT_PROPS = [
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
]
INHERITED = set(PAINT_PROPS) - {"opacity"}
# Initial values that can be dropped safely (a page is unlikely to set these around
# an icon). fill, stroke and stroke-width are deliberately not in here.
INITIAL = {
    "fill-opacity": "1",
    "fill-rule": "nonzero",
    "stroke-opacity": "1",
    "stroke-linecap": "butt",
    "stroke-linejoin": "miter",
    "stroke-miterlimit": "4",
    "stroke-dasharray": "none",
    "stroke-dashoffset": "0",
    "opacity": "1",
}
STROKE_DETAIL = [p for p in PAINT_PROPS if p.startswith("stroke-")]

# ---------------------------------------------------------------------------
# numbers


def q(x):
    """Round to hundredths, as an integer number of hundredths."""
    return int(round(x * 100))


def fmt(v):
    """Shortest decimal form of v hundredths: 150 -> '1.5', -50 -> '-.5'."""
    if v == 0:
        return "0"
    sign = "-" if v < 0 else ""
    ip, fp = divmod(abs(v), 100)
    if fp == 0:
        return sign + str(ip)
    return sign + (str(ip) if ip else "") + "." + ("%02d" % fp).rstrip("0")


def fmt_float(x, decimals):
    """Shortest form of x rounded to `decimals` decimals."""
    s = ("%." + str(decimals) + "f") % x
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    if s.startswith("0."):
        s = s[1:]
    elif s.startswith("-0."):
        s = "-" + s[2:]
    return s


def join_tokens(tokens):
    """Join command letters and numbers with the fewest separators.

    A separator is needed between two numbers unless the second starts with '-'
    or starts with '.' while the first already contains a '.'.
    """
    out = []
    prev = None
    for t in tokens:
        if prev is None or prev.isalpha() or t.isalpha():
            out.append(t)
        elif t[0] == "-" or (t[0] == "." and "." in prev):
            out.append(t)
        else:
            out.append(" " + t)
        prev = t
    return "".join(out)


NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SEP_RE = re.compile(r"[\s,]*")

# ---------------------------------------------------------------------------
# path data

ARGS = {"M": 2, "L": 2, "T": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "A": 7, "Z": 0}


def parse_path(d):
    """Parse path data into [(command letter, [numbers])], one entry per segment.

    Handles exponents (-1.5e-5), commas, implicit separators ('1.5.5', '1-2'),
    implicit command repetition (a moveto's extra pairs become linetos) and arc
    flags written without separators ('a1 1 0 011 1').
    """
    segs = []
    i = 0
    n = len(d)
    cmd = None

    def skip(i):
        return SEP_RE.match(d, i).end()

    while True:
        i = skip(i)
        if i >= n:
            break
        ch = d[i]
        if ch.isalpha():
            if ch.upper() not in ARGS:
                raise ValueError("bad path command %r in %r" % (ch, d))
            cmd = ch
            i += 1
            if cmd in "Zz":
                segs.append((cmd, []))
                continue
        else:
            if cmd is None or cmd in "Zz":
                raise ValueError("number without command at %d in %r" % (i, d))
            if cmd == "M":
                cmd = "L"
            elif cmd == "m":
                cmd = "l"
        args = []
        for k in range(ARGS[cmd.upper()]):
            i = skip(i)
            if cmd in "Aa" and k in (3, 4):
                if i >= n or d[i] not in "01":
                    raise ValueError("bad arc flag at %d in %r" % (i, d))
                args.append(int(d[i]))
                i += 1
                continue
            m = NUMBER_RE.match(d, i)
            if not m:
                raise ValueError("expected a number at %d in %r" % (i, d))
            args.append(float(m.group()))
            i = m.end()
        segs.append((cmd, args))
    if segs and segs[0][0] not in "Mm":
        raise ValueError("path must start with a moveto: %r" % d)
    return segs


def absolutize(segs):
    """Relative segments -> absolute ones: [(M|L|H|V|C|S|Q|T|A|Z, [floats])]."""
    out = []
    cx = cy = sx = sy = 0.0
    for cmd, a in segs:
        up = cmd.upper()
        rel = cmd != up
        if up == "Z":
            out.append(("Z", []))
            cx, cy = sx, sy
            continue
        if up == "H":
            x = a[0] + (cx if rel else 0)
            out.append(("H", [x]))
            cx = x
            continue
        if up == "V":
            y = a[0] + (cy if rel else 0)
            out.append(("V", [y]))
            cy = y
            continue
        if up == "A":
            x = a[5] + (cx if rel else 0)
            y = a[6] + (cy if rel else 0)
            out.append(("A", [a[0], a[1], a[2], a[3], a[4], x, y]))
            cx, cy = x, y
            continue
        pts = []
        for j in range(0, len(a), 2):
            pts += [a[j] + (cx if rel else 0), a[j + 1] + (cy if rel else 0)]
        out.append((up, pts))
        cx, cy = pts[-2], pts[-1]
        if up == "M":
            sx, sy = cx, cy
    return out


def path_points(abs_segs):
    """Every explicit point (end and control points) of an absolute path."""
    pts = []
    cx = cy = sx = sy = 0.0
    for cmd, a in abs_segs:
        if cmd == "Z":
            cx, cy = sx, sy
            pts.append((cx, cy))
        elif cmd == "H":
            cx = a[0]
            pts.append((cx, cy))
        elif cmd == "V":
            cy = a[0]
            pts.append((cx, cy))
        elif cmd == "A":
            cx, cy = a[5], a[6]
            pts.append((cx, cy))
        else:
            for j in range(0, len(a), 2):
                pts.append((a[j], a[j + 1]))
            cx, cy = a[-2], a[-1]
            if cmd == "M":
                sx, sy = cx, cy
    return pts


def shift_path(abs_segs, dx, dy):
    out = []
    for cmd, a in abs_segs:
        if cmd == "H":
            out.append((cmd, [a[0] + dx]))
        elif cmd == "V":
            out.append((cmd, [a[0] + dy]))
        elif cmd == "A":
            out.append((cmd, a[:5] + [a[5] + dx, a[6] + dy]))
        elif cmd == "Z":
            out.append((cmd, []))
        else:
            out.append((cmd, [v + (dx if j % 2 == 0 else dy) for j, v in enumerate(a)]))
    return out


def all_subpaths_closed(abs_segs):
    open_ = False
    for cmd, _ in abs_segs:
        if cmd == "M":
            if open_:
                return False
            open_ = True
        elif cmd == "Z":
            open_ = False
    return not open_


def write_path(abs_segs):
    """Serialize an absolute path rounded to 2 decimals, choosing per segment the
    shorter of the absolute and relative forms. Relative values are computed from
    the rounded current point, so every written point is within 0.005 of the
    original: no error accumulates along the path."""
    tokens = []
    rx = ry = rsx = rsy = 0  # rounded current point and subpath start (hundredths)
    prev = None  # last command written (explicitly or implicitly)

    def emit(letter, nums):
        nonlocal prev
        implicit = (letter == prev and letter not in "Mm") or (
            (letter, prev) in (("L", "M"), ("l", "m"))
        )
        if not implicit:
            tokens.append(letter)
        tokens.extend(nums)
        prev = letter

    def choose(up, abs_nums, rel_nums):
        a = join_tokens(abs_nums)
        r = join_tokens(rel_nums)
        if len(a) != len(r):
            use_abs = len(a) < len(r)
        else:  # same length: keep the case of the previous command (fewer letters)
            use_abs = prev is None or prev.isupper()
        return (up, abs_nums) if use_abs else (up.lower(), rel_nums)

    for cmd, a in abs_segs:
        if cmd == "Z":
            if prev is not None and prev in "Zz":
                continue  # z z is the same as z
            tokens.append("z")
            prev = "z"
            rx, ry = rsx, rsy
            continue
        if cmd in ("M", "L", "T"):
            x, y = q(a[0]), q(a[1])
            if cmd == "L" and y == ry and prev is not None:
                letter, nums = choose("H", [fmt(x)], [fmt(x - rx)])
            elif cmd == "L" and x == rx and prev is not None:
                letter, nums = choose("V", [fmt(y)], [fmt(y - ry)])
            else:
                letter, nums = choose(cmd, [fmt(x), fmt(y)], [fmt(x - rx), fmt(y - ry)])
            emit(letter, nums)
            rx, ry = x, y
            if cmd == "M":
                rsx, rsy = x, y
        elif cmd == "H":
            x = q(a[0])
            letter, nums = choose("H", [fmt(x)], [fmt(x - rx)])
            emit(letter, nums)
            rx = x
        elif cmd == "V":
            y = q(a[0])
            letter, nums = choose("V", [fmt(y)], [fmt(y - ry)])
            emit(letter, nums)
            ry = y
        elif cmd in ("C", "S", "Q"):
            pts = [q(v) for v in a]
            absn = [fmt(v) for v in pts]
            reln = [fmt(v - (rx if j % 2 == 0 else ry)) for j, v in enumerate(pts)]
            letter, nums = choose(cmd, absn, reln)
            emit(letter, nums)
            rx, ry = pts[-2], pts[-1]
        elif cmd == "A":
            head = [fmt(q(a[0])), fmt(q(a[1])), fmt(q(a[2])), str(a[3]), str(a[4])]
            x, y = q(a[5]), q(a[6])
            letter, nums = choose("A", head + [fmt(x), fmt(y)], head + [fmt(x - rx), fmt(y - ry)])
            emit(letter, nums)
            rx, ry = x, y
        else:
            raise ValueError(cmd)
    return join_tokens(tokens)


# ---------------------------------------------------------------------------
# transforms: 2x3 matrices (a, b, c, d, e, f)

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
TRANSFORM_RE = re.compile(r"\s*,?\s*([a-zA-Z]+)\s*\(([^)]*)\)")


def mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + c * B,
        b * A + d * B,
        a * C + c * D,
        b * C + d * D,
        a * E + c * F + e,
        b * E + d * F + f,
    )


def apply(m, p):
    a, b, c, d, e, f = m
    x, y = p
    return (a * x + c * y + e, b * x + d * y + f)


def parse_transform(s):
    m = IDENTITY
    pos = 0
    s = s.strip()
    while pos < len(s):
        t = TRANSFORM_RE.match(s, pos)
        if not t:
            raise ValueError("bad transform %r" % s)
        pos = t.end()
        name = t.group(1)
        v = [float(x) for x in NUMBER_RE.findall(t.group(2))]
        if name == "matrix" and len(v) == 6:
            n = tuple(v)
        elif name == "translate" and len(v) in (1, 2):
            n = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) == 2 else 0.0)
        elif name == "scale" and len(v) in (1, 2):
            n = (v[0], 0.0, 0.0, v[1] if len(v) == 2 else v[0], 0.0, 0.0)
        elif name == "rotate" and len(v) in (1, 3):
            r = math.radians(v[0])
            n = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0.0, 0.0)
            if len(v) == 3:
                n = mul(mul((1, 0, 0, 1, v[1], v[2]), n), (1, 0, 0, 1, -v[1], -v[2]))
        elif name == "skewX" and len(v) == 1:
            n = (1.0, 0.0, math.tan(math.radians(v[0])), 1.0, 0.0, 0.0)
        elif name == "skewY" and len(v) == 1:
            n = (1.0, math.tan(math.radians(v[0])), 0.0, 1.0, 0.0, 0.0)
        else:
            raise ValueError("bad transform %r" % s)
        m = mul(m, n)
    return m


def write_transform(m):
    """Shortest of translate/scale/matrix(...) for m rounded to 2 decimals, or None.
    Numbers are separated by spaces: unlike path data, the transform grammar of
    SVG 1.1 requires a separator even before a minus sign."""
    r = [q(v) for v in m]
    if r == [100, 0, 0, 100, 0, 0]:
        return None
    if r[:4] == [100, 0, 0, 100]:
        nums = [fmt(r[4])] + ([fmt(r[5])] if r[5] else [])
        return "translate(" + " ".join(nums) + ")"
    if r[1] == r[2] == r[4] == r[5] == 0:
        nums = [fmt(r[0])] + ([fmt(r[3])] if r[3] != r[0] else [])
        return "scale(" + " ".join(nums) + ")"
    return "matrix(" + " ".join(fmt(v) for v in r) + ")"


def linear_is_exact(m):
    return all(abs(v * 100 - round(v * 100)) < 1e-9 for v in m[:4])


# ---------------------------------------------------------------------------
# the simplified tree


class Node:
    def __init__(self, tag):
        self.tag = tag  # "g" or a shape
        self.matrix = None  # own transform, or None
        self.props = {}  # paint properties (name -> value string)
        self.geom = {}  # shape geometry: {"d": abs segs} or {"x": float, ...}
        self.children = []


def local(tag):
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return None, tag


GEOM_ATTRS = {
    "rect": ["x", "y", "width", "height", "rx", "ry"],
    "circle": ["cx", "cy", "r"],
    "ellipse": ["cx", "cy", "rx", "ry"],
    "line": ["x1", "y1", "x2", "y2"],
}
# Attributes that are known and deliberately dropped.
IGNORED_ATTRS = {"id", "pointer-events", "version"}


def parse_style(s):
    out = {}
    for decl in s.split(";"):
        if ":" not in decl:
            continue
        k, _, v = decl.partition(":")
        out[k.strip()] = v.strip()
    return out


def convert(el, problems):
    """ElementTree element -> Node (or None to drop it)."""
    ns, name = local(el.tag)
    if ns != SVG_NS or name in DROP_ELEMENTS:
        return None
    if name == "defs":
        if len(el):
            raise ValueError("non-empty <defs> is not supported")
        return None
    if name not in CONTAINERS and name not in SHAPES:
        raise ValueError("unsupported element <%s>" % name)
    node = Node("g" if name in CONTAINERS else name)
    style = {}
    for k, v in el.attrib.items():
        ans, aname = local(k)
        if ans is not None or aname in IGNORED_ATTRS:
            continue  # sodipodi:*, inkscape:*, xlink:* ... and ids
        if aname == "style":
            continue
        if aname == "transform":
            node.matrix = parse_transform(v)
        elif aname in PAINT_PROPS:
            style.setdefault(aname, v.strip())
        elif name == "path" and aname == "d":
            node.geom["d"] = absolutize(parse_path(v))
        elif name in GEOM_ATTRS and aname in GEOM_ATTRS[name]:
            node.geom[aname] = float(v)
        elif name in ("polyline", "polygon") and aname == "points":
            nums = [float(x) for x in NUMBER_RE.findall(v)]
            segs = [("M", nums[0:2])] + [("L", nums[j : j + 2]) for j in range(2, len(nums) - 1, 2)]
            if name == "polygon":
                segs.append(("Z", []))
            node.tag = "path"
            node.geom["d"] = segs
        else:
            problems.append("dropped attribute %s=%r on <%s>" % (aname, v, name))
    style.update(parse_style(el.get("style", "")))
    if style.get("display") == "none":
        return None
    if style.get("visibility", "visible") != "visible":
        raise ValueError("visibility %r is not supported" % style["visibility"])
    for k, v in style.items():
        if k in PAINT_PROPS:
            node.props[k] = v
    for child in el:
        c = convert(child, problems)
        if c is not None:
            node.children.append(c)
    if node.tag == "g" and not node.children:
        return None
    return node


# ---------------------------------------------------------------------------
# structure


def simplify(node):
    """Push transforms down and unwrap attribute-less groups. Returns a list of
    nodes that replace `node`."""
    if node.tag != "g":
        return [node]
    if node.matrix is not None and (
        len(node.children) == 1 or all(c.matrix is not None for c in node.children)
    ):
        for c in node.children:
            c.matrix = node.matrix if c.matrix is None else mul(node.matrix, c.matrix)
        node.matrix = None
    kids = []
    for c in node.children:
        kids.extend(simplify(c))
    node.children = kids
    if node.matrix is None and not node.props:
        return kids
    return [node]


def content_points(node):
    """Points of node's content in its local coordinates (before node.matrix)."""
    if node.tag == "g":
        pts = []
        for c in node.children:
            cp = content_points(c)
            if c.matrix is not None:
                cp = [apply(c.matrix, p) for p in cp]
            pts.extend(cp)
        return pts
    g = node.geom
    if node.tag == "path":
        return path_points(g["d"])
    if node.tag == "rect":
        x, y, w, h = g.get("x", 0.0), g.get("y", 0.0), g["width"], g["height"]
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    if node.tag in ("circle", "ellipse"):
        rx = g.get("r", g.get("rx", 0.0))
        ry = g.get("r", g.get("ry", 0.0))
        cx, cy = g.get("cx", 0.0), g.get("cy", 0.0)
        return [(cx, cy), (cx - rx, cy - ry), (cx + rx, cy + ry)]
    if node.tag == "line":
        return [(g.get("x1", 0.0), g.get("y1", 0.0)), (g.get("x2", 0.0), g.get("y2", 0.0))]
    raise ValueError(node.tag)


def shift(node, dx, dy):
    """Move node's content (in its local coordinates) by (dx, dy)."""
    if node.tag == "g":
        for c in node.children:
            if c.matrix is not None:
                a, b, cc, d, e, f = c.matrix
                c.matrix = (a, b, cc, d, e + dx, f + dy)
            else:
                shift(c, dx, dy)
        return
    g = node.geom
    if node.tag == "path":
        g["d"] = shift_path(g["d"], dx, dy)
    elif node.tag == "rect":
        g["x"] = g.get("x", 0.0) + dx
        g["y"] = g.get("y", 0.0) + dy
    elif node.tag in ("circle", "ellipse"):
        g["cx"] = g.get("cx", 0.0) + dx
        g["cy"] = g.get("cy", 0.0) + dy
    elif node.tag == "line":
        for k, v in (("x1", dx), ("y1", dy), ("x2", dx), ("y2", dy)):
            g[k] = g.get(k, 0.0) + v


def recenter(node):
    """Before a transform's scale/rotation part is rounded, move the content
    under it so that its bounding box is centred on the origin (the translation
    part compensates, exactly). Rounding the linear part then moves points by at
    most 0.005 times their distance from the centre instead of from the origin."""
    if node.matrix is not None and not linear_is_exact(node.matrix):
        pts = content_points(node)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        cx = q((min(xs) + max(xs)) / 2) / 100.0
        cy = q((min(ys) + max(ys)) / 2) / 100.0
        shift(node, -cx, -cy)
        node.matrix = mul(node.matrix, (1.0, 0.0, 0.0, 1.0, cx, cy))
    for c in node.children:
        recenter(c)


# ---------------------------------------------------------------------------
# paint properties


def short_color(v):
    v = v.strip().lower()
    m = re.fullmatch(r"#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3", v)
    if m:
        return "#" + m.group(1) + m.group(2) + m.group(3)
    return v


def norm_value(k, v, props):
    v = v.strip()
    if k in ("fill", "stroke"):
        return short_color(v)
    if k in ("fill-opacity", "stroke-opacity", "opacity", "stroke-miterlimit"):
        return fmt_float(float(v), 3)
    if k == "stroke-width":
        return fmt_float(float(v), 2)
    if k == "stroke-dasharray":
        if v == "none":
            return v
        nums = [float(x) for x in NUMBER_RE.findall(v)]
        if not nums or all(x == 0 for x in nums):
            return "none"
        return " ".join(fmt_float(x, 3) for x in nums)
    if k == "stroke-dashoffset":
        off = float(v)
        dash = props.get("stroke-dasharray", "none")
        if dash != "none":
            nums = [float(x) for x in NUMBER_RE.findall(dash)]
            period = sum(nums) * (1 if len(nums) % 2 == 0 else 2)
            if period > 0:
                off = math.fmod(off, period)
                if off < 0:
                    off += period
        return fmt_float(off, 3)
    return v


def minimize_props(node, inherited):
    """Drop property values that change nothing. `inherited` maps inherited
    property -> value explicitly set by an ancestor inside the icon."""
    raw = node.props
    props = {}
    for k in PAINT_PROPS:
        if k in raw:
            props[k] = norm_value(k, raw[k], raw)
    leaf = node.tag != "g"

    def effective(k):
        if k in props:
            return props[k]
        return inherited.get(k, INITIAL.get(k))

    if leaf:
        if effective("stroke-width") == "0":
            props["stroke"] = "none"  # a zero-width stroke is not drawn
        if effective("stroke") == "none":
            for k in STROKE_DETAIL:
                props.pop(k, None)
        if effective("fill") == "none" or node.tag in ("rect", "circle", "ellipse", "line"):
            props.pop("fill-rule", None)
        if effective("fill") == "none":
            props.pop("fill-opacity", None)
        if effective("stroke-dasharray") == "none":
            props.pop("stroke-dashoffset", None)
        if effective("stroke-linejoin") in ("round", "bevel") or node.tag in (
            "circle",
            "ellipse",
            "line",
        ):
            props.pop("stroke-miterlimit", None)
        closed = node.tag in ("rect", "circle", "ellipse") or (
            node.tag == "path" and all_subpaths_closed(node.geom["d"])
        )
        if closed and effective("stroke-dasharray") == "none":
            # no open ends, so no caps (every dash of a dashed stroke has caps)
            props.pop("stroke-linecap", None)
    for k in list(props):
        parent = inherited.get(k, INITIAL.get(k)) if k in INHERITED else INITIAL.get(k)
        if parent is not None and props[k] == parent:
            del props[k]
    node.props = props
    if not leaf:
        inner = dict(inherited)
        inner.update({k: v for k, v in props.items() if k in INHERITED})
        for c in node.children:
            minimize_props(c, inner)


# ---------------------------------------------------------------------------
# output


def esc(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def write_node(node):
    attrs = []
    for k in PAINT_PROPS:
        if k in node.props:
            attrs.append((k, node.props[k]))
    if node.matrix is not None:
        t = write_transform(node.matrix)
        if t:
            attrs.append(("transform", t))
    g = node.geom
    if node.tag == "path":
        attrs.append(("d", write_path(g["d"])))
    elif node.tag in GEOM_ATTRS:
        for k in GEOM_ATTRS[node.tag]:
            if k not in g:
                continue
            v = q(g[k])
            if k in ("rx", "ry") and v == 0:
                continue
            if k in ("x", "y", "cx", "cy", "x1", "y1", "x2", "y2") and v == 0:
                continue
            attrs.append((k, fmt(v)))
    head = "<" + node.tag + "".join(' %s="%s"' % (k, esc(v)) for k, v in attrs)
    if not node.children:
        return head + "/>"
    return head + ">" + "".join(write_node(c) for c in node.children) + "</" + node.tag + ">"


def minify(text, name, problems):
    root = ET.fromstring(text)
    if root.tag != "{%s}svg" % SVG_NS:
        raise ValueError("not an SVG document")
    viewbox = root.get("viewBox")
    if not viewbox:
        raise ValueError("no viewBox")
    viewbox = " ".join(viewbox.replace(",", " ").split())
    if root.get("style") or root.get("transform"):
        raise ValueError("styles/transforms on the root <svg> are not supported")
    top = Node("g")
    for child in root:
        c = convert(child, problems)
        if c is not None:
            top.children.append(c)
    nodes = simplify(top)
    for n in nodes:
        recenter(n)
        minimize_props(n, {})
    body = "".join(write_node(n) for n in nodes)
    return '<symbol id="%s%s" viewBox="%s">%s</symbol>' % (ID_PREFIX, name, esc(viewbox), body)


# ---------------------------------------------------------------------------
# verification: compare the points of the written file with the original


def leaf_points(el, m, out):
    """[(tag, [points in root coordinates])] of every drawn shape, in order."""
    ns, name = local(el.tag)
    if ns not in (SVG_NS, None) or name in DROP_ELEMENTS or name == "defs":
        return
    if parse_style(el.get("style", "")).get("display") == "none":
        return
    t = el.get("transform")
    if t:
        m = mul(m, parse_transform(t))
    if name in SHAPES:
        node = Node(name)
        for k, v in el.attrib.items():
            if k == "d":
                node.geom["d"] = absolutize(parse_path(v))
            elif name in GEOM_ATTRS and k in GEOM_ATTRS[name]:
                node.geom[k] = float(v)
        if name in ("polyline", "polygon"):
            nums = [float(x) for x in NUMBER_RE.findall(el.get("points", ""))]
            node.tag = "line"
            pts = [(nums[j], nums[j + 1]) for j in range(0, len(nums) - 1, 2)]
        else:
            pts = content_points(node)
        out.append((name, [apply(m, p) for p in pts]))
        return
    for c in el:
        leaf_points(c, m, out)


def max_deviation(original, minified):
    a, b = [], []
    leaf_points(ET.fromstring(original), IDENTITY, a)
    wrapped = '<svg xmlns="%s">%s</svg>' % (SVG_NS, minified)
    leaf_points(ET.fromstring(wrapped), IDENTITY, b)
    if [t for t, _ in a] != [t for t, _ in b]:
        raise AssertionError("shape list changed")
    worst = 0.0
    for (_, pa), (_, pb) in zip(a, b):
        if len(pa) != len(pb):
            raise AssertionError("point count changed")
        for p, r in zip(pa, pb):
            worst = max(worst, math.hypot(p[0] - r[0], p[1] - r[1]))
    return worst


def check_output(s):
    """Structural checks on a written symbol."""
    el = ET.fromstring('<svg xmlns="%s">%s</svg>' % (SVG_NS, s))
    assert len(el) == 1 and local(el[0].tag)[1] == "symbol"
    for sub in el[0].iter():
        if sub is el[0]:
            continue
        ns, name = local(sub.tag)
        assert ns == SVG_NS and name in ("g",) + tuple(SHAPES), name
        for k in sub.attrib:
            assert not k.startswith("{"), k
            assert k not in ("id", "style"), k
    assert "<!--" not in s and "<?" not in s and "xmlns" not in s


# ---------------------------------------------------------------------------
# self-test of the path and number handling


def self_test():
    cases = 0

    def eq(got, want, what):
        nonlocal cases
        cases += 1
        if got != want:
            raise AssertionError("%s: got %r, want %r" % (what, got, want))

    p = parse_path
    eq(p("M-1.5e-5,2E+1L3-4"), [("M", [-1.5e-5, 20.0]), ("L", [3.0, -4.0])], "exponents")
    eq(p("m1.5.5.25-1"), [("m", [1.5, 0.5]), ("l", [0.25, -1.0])], "implicit separators")
    eq(p("M 1,2 3,4 5 6"), [("M", [1.0, 2.0]), ("L", [3.0, 4.0]), ("L", [5.0, 6.0])], "moveto pairs")
    eq(p("m1 2 3 4"), [("m", [1.0, 2.0]), ("l", [3.0, 4.0])], "relative moveto pairs")
    eq(p("M0 0a1 1 0 011 1"), p("M 0,0 a 1,1 0 0 1 1,1"), "compact arc flags")
    eq(p("M0 0a1 1 0 011 1")[1][1], [1.0, 1.0, 0.0, 0, 1, 1.0, 1.0], "arc flag values")
    eq(p("M0 0h+1e1v-.5z"), [("M", [0.0, 0.0]), ("h", [10.0]), ("v", [-0.5]), ("z", [])], "h v z")
    eq(p("M1 2c1 1 2 2 3 3 4 4 5 5 6 6"), [("M", [1.0, 2.0]), ("c", [1.0, 1.0, 2.0, 2.0, 3.0, 3.0]), ("c", [4.0, 4.0, 5.0, 5.0, 6.0, 6.0])], "repeated curveto")
    for bad in ("L1 2", "M1", "M1 2 a1 1 0 2 1 1 1", "M1 2 x3", "5"):
        try:
            p(bad)
        except ValueError:
            cases += 1
        else:
            raise AssertionError("accepted bad path %r" % bad)

    eq([fmt(v) for v in (0, 150, -50, 5, -5, 100, -1234, 10)], ["0", "1.5", "-.5", ".05", "-.05", "1", "-12.34", ".1"], "fmt")
    eq(fmt_float(-0.0001, 2), "0", "fmt_float -0")
    eq(fmt_float(0.26458332, 2), ".26", "fmt_float")
    eq(join_tokens(["M", "1.5", ".5", "-2", "3", "l", ".5", ".5", "1", ".5"]), "M1.5.5-2 3l.5.5 1 .5", "join")

    def w(d):
        return write_path(absolutize(parse_path(d)))

    eq(w("M 1.004,2.006 L 3,2.006 L 3,5"), "M1 2.01H3V5", "lineto -> H/V")
    eq(w("m 0,0 l 0.004,0 l 0.004,0 l 0.004,0 l 0.004,0"), "M0 0H0 .01h0 .01", "no error accumulation")
    eq(w("m -1.5e-5,0 l 2,2"), "M0 0 2 2", "tiny exponent")
    eq(w("M 10 10 a 1.1191255,1.1099671 0 0 0 -0.4288818,0.1085303 z m 1,1 z"), "M10 10a1.12 1.11 0 0 0-.43.11zm1 1z", "arc")
    eq(w("M 10 10 C 10 11 11 12 12 12 S 14 13 14 12"), "M10 10c0 1 1 2 2 2s2 1 2 0", "curves")
    # a written path parses back to within 0.005 of every original point
    src = "M-224.426,-89.870434 -1.52218,-1.221288 -1.52219,-1.221289 1.81876,-0.707609 1.81876,-0.70761 -0.29657,1.928898 z"
    src = src.replace("M", "m")
    a = path_points(absolutize(parse_path(src)))
    b = path_points(absolutize(parse_path(w(src))))
    eq(len(a), len(b), "round trip length")
    eq(max(math.hypot(x[0] - y[0], x[1] - y[1]) for x, y in zip(a, b)) <= 0.00708, True, "round trip error")

    eq(write_transform(parse_transform("translate(-0.99262638,-1.174181)")), "translate(-.99 -1.17)", "translate")
    eq(write_transform(parse_transform("translate(3)")), "translate(3)", "translate x")
    eq(write_transform(parse_transform("matrix(1,0,0,1,0,0)")), None, "identity")
    eq(write_transform(parse_transform("scale(2) translate(1 1)")), "matrix(2 0 0 2 2 2)", "compose")
    eq(write_transform(parse_transform("rotate(90)")), "matrix(0 1 -1 0 0 0)", "rotate")
    eq(short_color("#FFFFFF"), "#fff", "color")
    eq(short_color("#326ce5"), "#326ce5", "color kept")
    return cases


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC, help="icon set directory (default %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default %(default)s)")
    ap.add_argument("--self-test", action="store_true", help="only run the self-test")
    args = ap.parse_args()

    n = self_test()
    if args.self_test:
        print("self-test: %d checks passed" % n)
        return 0

    os.makedirs(args.out, exist_ok=True)
    total_in = total_out = total_gz = 0
    outputs = []
    failed = False
    print("%-15s %9s %9s %9s  %s" % ("icon", "original", "minified", "gzip -9", "max point shift"))
    for name, rel in ICONS:
        path = os.path.join(args.src, rel)
        with open(path, "rb") as f:
            original = f.read()
        problems = []
        text = minify(original.decode("utf-8"), name, problems)
        check_output(text)
        dev = max_deviation(original, text)
        data = (text + "\n").encode("utf-8")
        with open(os.path.join(args.out, name + ".svg"), "wb") as f:
            f.write(data)
        outputs.append(data)
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        total_in += len(original)
        total_out += len(data)
        total_gz += gz
        note = "" if dev <= MAX_DEVIATION else "  TOO LARGE"
        failed |= bool(note)
        print("%-15s %9d %9d %9d  %.4f%s" % (name, len(original), len(data), gz, dev, note))
        for p in problems:
            print("    note: %s" % p)
    together = len(gzip.compress(b"".join(outputs), compresslevel=9, mtime=0))
    print("%-15s %9d %9d %9d" % ("total", total_in, total_out, total_gz))
    print("gzip -9 of the minified files: %d bytes as separate files, %d bytes concatenated" % (total_gz, together))
    if failed:
        print("error: some point moved more than %g viewBox units" % MAX_DEVIATION, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
