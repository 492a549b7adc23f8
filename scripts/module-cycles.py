"""Finds import cycles among the modules of src/ (one module per file). An edge A -> B means file A
refers to an item of module B (`use crate::b::...`, `crate::b::x`, `super::b`, `super::x`);
declaring a submodule (`mod b;`) is not one. Exits 1 and prints the cycles if there are any.

    python3 scripts/module-cycles.py [--graph]
"""
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return tuple(parts)


files = {module_of(p): p for p in SRC.rglob("*.rs")}


def resolve(parts):
    """The deepest module named by a path (the rest are items in it)."""
    for n in range(len(parts), 0, -1):
        if tuple(parts[:n]) in files:
            return tuple(parts[:n])
    return None


def strip_comments(text):
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


PATH = r"(?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+"
# `use` lines may hold several paths in braces: `use crate::x::{a, b::c}`.
USE = re.compile(r"\buse\s+((?:crate|super|self)[^;]*);")


def paths_in(text):
    text = strip_comments(text)
    text = re.sub(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{.*", "", text, flags=re.S)  # unit tests
    found = set(re.findall(PATH, text))
    for use in USE.findall(text):
        use = re.sub(r"\s+", "", use)
        m = re.match(r"(.*?)::\{(.*)\}$", use)
        if m:
            for part in m.group(2).split(","):
                part = part.split("::{")[0]
                found.add(m.group(1) + "::" + part if part not in ("self", "*") else m.group(1))
        else:
            found.add(use)
    return found


def edges_of(module, path):
    result = set()
    is_mod_file = path.name in ("mod.rs", "lib.rs")
    for p in paths_in(path.read_text()):
        parts = [x for x in p.split("::") if x and x != "*"]
        parts = [x.split(" as ")[0] for x in parts]
        if parts[0] == "crate":
            target = resolve(parts[1:])
        else:
            base = list(module) if is_mod_file else list(module[:-1])
            if parts[0] == "super":
                base = base[:-1] if is_mod_file else base
                parts = parts[1:]
                while parts and parts[0] == "super":
                    base, parts = base[:-1], parts[1:]
                target = resolve(base + parts)
            else:  # self::
                target = resolve((list(module) if is_mod_file else base) + parts[1:])
        if target is not None and target != module:
            result.add(target)
    return result


graph = {m: edges_of(m, p) for m, p in files.items()}


def cycles():
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return out


name = lambda m: "::".join(m) or "lib"
if "--graph" in sys.argv:
    for m in sorted(graph):
        print(f"{name(m)} -> {', '.join(sorted(name(t) for t in graph[m]))}")
found = cycles()
for component in found:
    print("cycle:", " <-> ".join(sorted(name(m) for m in component)))
print(f"{len(files)} modules, {sum(len(e) for e in graph.values())} edges, {len(found)} cycles")
sys.exit(1 if found else 0)
