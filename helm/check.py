#!/usr/bin/env python3
"""Render-and-check for the Pavu Helm chart where no `helm` binary is available.

    python3 helm/check.py                      # render every scenario below, parse and check the result
    python3 helm/check.py --show [--set k=v]   # print the manifests rendered from values.yaml (+ overrides)

It implements the SUBSET of Helm's template language the chart uses (see helm/pavu/README.md, "Checking
the chart"): actions with trim markers and comments; if / else if / else, with, range (lists and maps,
with $k, $v :=), variables, define / include; the functions listed in FUNCS. A template using anything else
fails here with "unsupported", so the subset cannot drift silently. Values are strict: reading a key that
values.yaml does not define is an error (every value the chart reads must be documented there).

After rendering, each manifest is parsed as YAML and checked: the kinds and names expected, labels and
selectors that match, probes on /q/health/{started,ready,live}, the security context, volumes that exist,
the ConfigMap holding every shared PAVU_* variable, references between objects, and NetworkPolicy egress
rules that name their destinations. It does not validate against the Kubernetes OpenAPI schema.
"""
import base64
import copy
import hashlib
import json
import os
import re
import sys

import yaml

CHART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pavu")


class TemplateError(Exception):
    pass


class Missing:
    """A key values.yaml does not define; any use other than a truth test or `default` is an error."""

    def __init__(self, path):
        self.path = path

    def __bool__(self):
        return False


# ------------------------------------------------------------------------------------------ lexing
ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)


def tokenize(text, name):
    """Splits a template into ('text', s) and ('action', s) items, applying trim markers."""
    items, pos = [], 0
    for m in ACTION.finditer(text):
        items.append(["text", text[pos:m.start()]])
        if m.group(1) and items:
            items[-1][1] = items[-1][1].rstrip(" \t\r\n")
        body = m.group(2).strip()
        items.append(["action", body, m.group(3) is not None, name])
        pos = m.end()
    items.append(["text", text[pos:]])
    for i, it in enumerate(items):
        if it[0] == "action" and it[2] and i + 1 < len(items):
            items[i + 1][1] = items[i + 1][1].lstrip(" \t\r\n")
    return [(it[0], it[1], it[3] if it[0] == "action" else None) for it in items]


TOKEN = re.compile(r"""\s*(?:
    (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<raw>`[^`]*`)
  | (?P<num>-?\d+(?:\.\d+)?)
  | (?P<assign>:=|=)
  | (?P<var>\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<field>(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<lp>\() | (?P<rp>\)) | (?P<pipe>\|) | (?P<comma>,)
)""", re.X)


def lex(expr):
    out, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise TemplateError("cannot parse expression near %r" % expr[pos:])
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return out


# ------------------------------------------------------------------------------------------ parsing
def parse(items):
    """Builds a tree: list of nodes; a node is ('text', s) | ('out', expr) | ('if', [(cond, body)], else) |
    ('range', vars, expr, body, else) | ('with', expr, body, else) | ('define', name, body) | ('assign', var, expr)."""
    pos = 0

    def block(stop):
        nonlocal pos
        nodes = []
        while pos < len(items):
            kind, body, name = items[pos]
            if kind == "text":
                if body:
                    nodes.append(("text", body))
                pos += 1
                continue
            if body.startswith("/*"):
                if not body.endswith("*/"):
                    raise TemplateError("%s: unterminated comment" % name)
                pos += 1
                continue
            word = body.split(None, 1)[0] if body else ""
            rest = body[len(word):].strip()
            pos += 1
            if word in stop:
                return nodes, word, rest
            if word == "if":
                branches, otherwise = [(rest, None)], None
                body_nodes, end, erest = block(("else", "end"))
                branches[0] = (rest, body_nodes)
                while end == "else":
                    if erest.startswith("if "):
                        cond = erest[3:].strip()
                        body_nodes, end, erest = block(("else", "end"))
                        branches.append((cond, body_nodes))
                    else:
                        otherwise, end, erest = block(("end",))
                nodes.append(("if", branches, otherwise))
            elif word in ("range", "with"):
                body_nodes, end, erest = block(("else", "end"))
                otherwise = None
                if end == "else":
                    otherwise, end, erest = block(("end",))
                if word == "range":
                    m = re.match(r"^(\$\w*)\s*(?:,\s*(\$\w*)\s*)?:=\s*(.*)$", rest, re.S)
                    if m:
                        names = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
                        nodes.append(("range", names, m.group(3), body_nodes, otherwise))
                    else:
                        nodes.append(("range", [], rest, body_nodes, otherwise))
                else:
                    nodes.append(("with", rest, body_nodes, otherwise))
            elif word == "define":
                body_nodes, end, _ = block(("end",))
                nodes.append(("define", json.loads(rest), body_nodes))
            elif word in ("template", "block", "break", "continue"):
                raise TemplateError("%s: unsupported action '%s' (check.py implements a subset)" % (name, word))
            else:
                m = re.match(r"^(\$\w+)\s*(:=|=)\s*(.*)$", body, re.S)
                if m:
                    nodes.append(("assign", m.group(1), m.group(3)))
                else:
                    nodes.append(("out", body))
        if stop:
            raise TemplateError("missing {{ end }} (looking for %s)" % "/".join(stop))
        return nodes, None, None

    nodes, _, _ = block(())
    return nodes


# ------------------------------------------------------------------------------------------ values
def go_str(v):
    """Go's fmt %v of a value as Helm holds it (numbers from YAML are float64)."""
    if isinstance(v, Missing):
        raise TemplateError("%s is not defined in values.yaml (Helm would print nothing)" % v.path)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        f = float(v)
        if f.is_integer():
            if abs(f) >= 1e21 or (abs(f) >= 1e6 and not isinstance(v, int)):
                return "%g" % f
            if abs(f) >= 1e6:
                raise TemplateError("the number %s renders as %s in Helm (values are float64): quote it" % (v, "%g" % f))
            return str(int(f))
        return repr(f)
    if isinstance(v, (dict, list)):
        raise TemplateError("printing a map or list directly (%r): use toYaml" % (v,))
    return str(v)


def truthy(v):
    if isinstance(v, Missing) or v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (str, list, dict)):
        return len(v) > 0
    return True


def field(obj, path, where):
    for key in path:
        if isinstance(obj, Missing):
            raise TemplateError("nil pointer evaluating %s.%s" % (obj.path, key))
        if isinstance(obj, dict):
            if key in obj:
                obj = obj[key]
            else:
                obj = Missing(where + "." + key)
        elif obj is None:
            raise TemplateError("nil pointer evaluating %s.%s" % (where, key))
        else:
            raise TemplateError("cannot read field %s of %r" % (key, obj))
        where = where + "." + key
    return obj


def to_yaml(v):
    if isinstance(v, Missing):
        raise TemplateError("toYaml of undefined value %s" % v.path)
    if v is None:
        return "null"
    return yaml.safe_dump(v, default_flow_style=False, sort_keys=True).rstrip("\n")


def go_printf(fmt, *args):
    out, i, args = [], 0, list(args)
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            verb = fmt[i + 1]
            i += 2
            if verb == "%":
                out.append("%")
                continue
            if not args:
                raise TemplateError("printf %r: missing argument" % fmt)
            a = args.pop(0)
            if verb in "sv":
                out.append(go_str(a))
            elif verb == "d":
                out.append(str(int(a)))
            elif verb == "q":
                out.append(json.dumps(go_str(a)))
            else:
                raise TemplateError("printf verb %%%s unsupported" % verb)
        else:
            out.append(c)
            i += 1
    if args:
        raise TemplateError("printf %r: extra arguments" % fmt)
    return "".join(out)


def check_defined(name, *args):
    for a in args:
        if isinstance(a, Missing):
            raise TemplateError("%s: %s is not defined in values.yaml" % (name, a.path))


def fn_default(d, v=None):
    return v if truthy(v) else d


def fn_required(msg, v):
    if not truthy(v) and not (isinstance(v, (int, float)) and not isinstance(v, bool)):
        raise TemplateError("required: " + msg)
    return v


def fn_fail(msg):
    raise TemplateError("fail: " + msg)


def fn_quote(*vs):
    check_defined("quote", *vs)
    return " ".join(json.dumps(go_str(v)) for v in vs if v is not None)


def fn_indent(n, s):
    check_defined("indent", s)
    return "\n".join((" " * int(n) + line) if line else (" " * int(n)) for line in go_str(s).split("\n"))


def fn_dict(*kv):
    if len(kv) % 2:
        raise TemplateError("dict needs key/value pairs")
    return {kv[i]: kv[i + 1] for i in range(0, len(kv), 2)}


def fn_eq(a, *bs):
    check_defined("eq", a, *bs)
    return any(a == b for b in bs)


FUNCS = {
    "default": fn_default,
    "required": fn_required,
    "fail": fn_fail,
    "quote": fn_quote,
    "toYaml": to_yaml,
    "indent": fn_indent,
    "nindent": lambda n, s: "\n" + fn_indent(n, s),
    "printf": go_printf,
    "trunc": lambda n, s: go_str(s)[: int(n)] if int(n) >= 0 else go_str(s)[int(n):],
    "trimSuffix": lambda suf, s: go_str(s)[: -len(suf)] if suf and go_str(s).endswith(suf) else go_str(s),
    "contains": lambda sub, s: sub in go_str(s),
    "replace": lambda old, new, s: go_str(s).replace(old, new),
    "b64enc": lambda s: base64.b64encode(go_str(s).encode()).decode(),
    "sha256sum": lambda s: hashlib.sha256(go_str(s).encode()).hexdigest(),
    "lower": lambda s: go_str(s).lower(),
    "upper": lambda s: go_str(s).upper(),
    "toString": go_str,
    "int": lambda v: int(float(v)),
    "eq": fn_eq,
    "ne": lambda a, b: not fn_eq(a, b),
    "not": lambda v: not truthy(v),
    "empty": lambda v: not truthy(v),
    "dict": fn_dict,
    "list": lambda *vs: list(vs),
    "hasKey": lambda d, k: k in d,
    "index": None,      # special: strict lookup
    "include": None,    # special: renders a define
    "and": None,        # special: short-circuit, returns an operand
    "or": None,
}


# ------------------------------------------------------------------------------------------ evaluation
class Renderer:
    def __init__(self, root):
        self.root = root
        self.defines = {}

    def load_defines(self, nodes):
        for n in nodes:
            if n[0] == "define":
                self.defines[n[1]] = n[2]

    def render(self, nodes, dot, scope):
        out = []
        scope = dict(scope)
        for n in nodes:
            kind = n[0]
            if kind == "text":
                out.append(n[1])
            elif kind == "define":
                pass
            elif kind == "assign":
                scope[n[1]] = self.eval(n[2], dot, scope)
            elif kind == "out":
                out.append(go_str(self.eval(n[1], dot, scope)))
            elif kind == "if":
                for cond, body in n[1]:
                    if truthy(self.eval(cond, dot, scope)):
                        out.append(self.render(body, dot, scope))
                        break
                else:
                    if n[2] is not None:
                        out.append(self.render(n[2], dot, scope))
            elif kind == "with":
                v = self.eval(n[1], dot, scope)
                if truthy(v):
                    out.append(self.render(n[2], v, scope))
                elif n[3] is not None:
                    out.append(self.render(n[3], dot, scope))
            elif kind == "range":
                names, expr, body, otherwise = n[1], n[2], n[3], n[4]
                coll = self.eval(expr, dot, scope)
                check_defined("range", coll)
                pairs = sorted(coll.items()) if isinstance(coll, dict) else list(enumerate(coll or []))
                if not pairs and otherwise is not None:
                    out.append(self.render(otherwise, dot, scope))
                for k, v in pairs:
                    inner = dict(scope)
                    if len(names) == 1:
                        inner[names[0]] = v
                    elif len(names) == 2:
                        inner[names[0]], inner[names[1]] = k, v
                    out.append(self.render(body, v, inner))
        return "".join(out)

    def eval(self, expr, dot, scope):
        toks = lex(expr)
        value, pos = self.pipeline(toks, 0, dot, scope)
        if pos != len(toks):
            raise TemplateError("unexpected %r in %r" % (toks[pos][1], expr))
        return value

    def pipeline(self, toks, pos, dot, scope):
        value, pos, first = None, pos, True
        while True:
            cmd_end = pos
            depth = 0
            while cmd_end < len(toks):
                k = toks[cmd_end][0]
                if k == "lp":
                    depth += 1
                elif k == "rp":
                    if depth == 0:
                        break
                    depth -= 1
                elif k == "pipe" and depth == 0:
                    break
                cmd_end += 1
            extra = [] if first else [value]
            value = self.command(toks[pos:cmd_end], dot, scope, extra)
            first = False
            pos = cmd_end
            if pos < len(toks) and toks[pos][0] == "pipe":
                pos += 1
                continue
            return value, pos

    def operands(self, toks, dot, scope):
        """Splits a command's tokens into operand thunks (evaluated lazily for and/or)."""
        ops, i = [], 0
        while i < len(toks):
            kind, text = toks[i]
            if kind == "lp":
                depth, j = 1, i + 1
                while depth:
                    if j >= len(toks):
                        raise TemplateError("unbalanced parenthesis")
                    depth += {"lp": 1, "rp": -1}.get(toks[j][0], 0)
                    j += 1
                inner = toks[i + 1:j - 1]
                ops.append(lambda inner=inner: self.pipeline(inner, 0, dot, scope)[0])
                i = j
                continue
            ops.append(lambda kind=kind, text=text: self.operand(kind, text, dot, scope))
            i += 1
        return ops

    def operand(self, kind, text, dot, scope):
        if kind == "str":
            return json.loads(text)
        if kind == "raw":
            return text[1:-1]
        if kind == "num":
            return float(text) if "." in text else int(text)
        if kind == "field":
            if text == ".":
                return dot
            return field(dot, text[1:].split("."), "")
        if kind == "var":
            name, _, rest = text.partition(".")
            if name == "$":
                base = self.root
            elif name in scope:
                base = scope[name]
            else:
                raise TemplateError("undefined variable %s" % name)
            return field(base, rest.split("."), name) if rest else base
        if kind == "ident":
            if text in ("true", "false"):
                return text == "true"
            if text == "nil":
                return None
            raise TemplateError("function %s used as a value" % text)
        raise TemplateError("unexpected token %r" % text)

    def command(self, toks, dot, scope, extra):
        if not toks:
            raise TemplateError("empty command")
        kind, text = toks[0]
        if kind == "ident" and text not in ("true", "false", "nil"):
            if text not in FUNCS:
                raise TemplateError("unsupported function '%s' (check.py implements a subset)" % text)
            args = self.operands(toks[1:], dot, scope) + [lambda v=v: v for v in extra]
            if text in ("and", "or"):
                result = None
                for a in args:
                    result = a()
                    if (text == "and" and not truthy(result)) or (text == "or" and truthy(result)):
                        return result
                return result
            values = [a() for a in args]
            if text == "include":
                name, ctx = values
                if name not in self.defines:
                    raise TemplateError("include of undefined template %r" % name)
                return self.render(self.defines[name], ctx, {"$": ctx})
            if text == "index":
                obj = values[0]
                for key in values[1:]:
                    check_defined("index", obj)
                    if not isinstance(obj, dict) or key not in obj:
                        raise TemplateError("index: no key %r" % key)
                    obj = obj[key]
                return obj
            if text not in ("default", "required", "not", "empty", "and", "or", "hasKey"):
                check_defined(text, *values)
            return FUNCS[text](*values)
        if len(toks) > 1 and toks[0][0] != "lp":
            raise TemplateError("%r is not a function" % text)
        if extra:
            raise TemplateError("cannot pipe into a value")
        ops = self.operands(toks, dot, scope)
        if len(ops) != 1:
            raise TemplateError("unexpected operands in %r" % toks)
        return ops[0]()


# ------------------------------------------------------------------------------------------ rendering
def deep_set(d, dotted, value):
    keys = dotted.split(".")
    for k in keys[:-1]:
        d = d.setdefault(k, {})
    d[keys[-1]] = value


def render_chart(overrides=None, release="pavu", namespace="pavu"):
    with open(os.path.join(CHART, "Chart.yaml")) as f:
        chart = yaml.safe_load(f)
    with open(os.path.join(CHART, "values.yaml")) as f:
        values = yaml.safe_load(f)
    for k, v in (overrides or {}).items():
        deep_set(values, k, copy.deepcopy(v))
    root = {
        "Values": values,
        "Release": {"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": True},
        "Chart": {"Name": chart["name"], "Version": chart["version"], "AppVersion": chart.get("appVersion", "")},
    }
    tdir = os.path.join(CHART, "templates")
    files = sorted(os.listdir(tdir))
    r = Renderer(root)
    trees = {}
    for fn in files:
        with open(os.path.join(tdir, fn)) as f:
            trees[fn] = parse(tokenize(f.read(), fn))
        r.load_defines(trees[fn])
    rendered = {}
    for fn in files:
        if fn.startswith("_"):
            continue
        try:
            rendered[fn] = r.render(trees[fn], root, {"$": root})
        except TemplateError as e:
            raise TemplateError("%s: %s" % (fn, e))
    return rendered, values


def manifests(rendered):
    docs = []
    for fn, text in rendered.items():
        if not fn.endswith((".yaml", ".yml")):
            continue
        try:
            for doc in yaml.safe_load_all(text):
                if doc is not None:
                    docs.append((fn, doc))
        except yaml.YAMLError as e:
            raise TemplateError("%s does not render to valid YAML: %s\n----\n%s" % (fn, e, text))
    return docs


# ------------------------------------------------------------------------------------------ checks
SHARED_ENV = ["PAVU_KAFKA_BOOTSTRAP", "PAVU_DB_URL", "PAVU_DB_USER", "PAVU_PLANNER_PORT", "PAVU_ACTUATOR_PORT",
              "PAVU_VERIFIER_PORT", "PAVU_UPDATER_PORT", "PAVU_GATEWAY_PORT", "PAVU_PLANNER_URL", "PAVU_VERIFIER_URL",
              "PAVU_UPDATER_URL", "PAVU_GATEWAY_URL", "PAVU_HOME"]
DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def check(docs, values, expect):
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    by_kind = {}
    for fn, d in docs:
        for key in ("apiVersion", "kind", "metadata"):
            need(key in d, "%s: a document without %s" % (fn, key))
        name = d.get("metadata", {}).get("name", "")
        need(bool(DNS1123.match(name)) and len(name) <= 63, "%s: bad name %r" % (fn, name))
        for k, v in (d.get("metadata", {}).get("labels") or {}).items():
            need(isinstance(v, str) and len(v) <= 63, "%s %s: label %s=%r is not a short string" % (d["kind"], name, k, v))
        by_kind.setdefault(d["kind"], {})[name] = d

    for kind, count in expect["counts"].items():
        need(len(by_kind.get(kind, {})) == count,
             "expected %d %s, got %s" % (count, kind, sorted(by_kind.get(kind, {}))))

    cms = by_kind.get("ConfigMap", {})
    secrets = by_kind.get("Secret", {})
    env_cm = [c for n, c in cms.items() if n.endswith("-env")]
    need(len(env_cm) == 1, "one shared env ConfigMap")
    if env_cm:
        data = env_cm[0].get("data", {})
        for var in SHARED_ENV:
            need(var in data and isinstance(data[var], str) and data[var], "ConfigMap lacks %s" % var)
        need(all(isinstance(v, str) for v in data.values()), "ConfigMap values must be strings")
        need("PAVU_DB_PASSWORD" not in data, "the DB password must not be in the ConfigMap")
        services = {n: d for n, d in by_kind.get("Service", {}).items()}
        for var in ("PAVU_PLANNER_URL", "PAVU_VERIFIER_URL", "PAVU_UPDATER_URL", "PAVU_GATEWAY_URL"):
            m = re.match(r"^http://([a-z0-9-]+):(\d+)$", data.get(var, ""))
            need(bool(m), "%s=%r is not http://<service>:<port>" % (var, data.get(var)))
            if m and m.group(1) in services:
                ports = [p["port"] for p in services[m.group(1)]["spec"]["ports"]]
                need(int(m.group(2)) in ports, "%s points at port %s, the Service has %s" % (var, m.group(2), ports))
            elif m and expect.get("all_services", True):
                need(False, "%s names %s, which is no rendered Service" % (var, m.group(1)))

    deployments = by_kind.get("Deployment", {})
    for name, d in deployments.items():
        spec = d["spec"]
        tmpl = spec["template"]
        pod = tmpl["spec"]
        sel = spec["selector"]["matchLabels"]
        labels = tmpl["metadata"]["labels"]
        need(all(labels.get(k) == v for k, v in sel.items()), "%s: selector %s does not match the pod labels" % (name, sel))
        psc = pod.get("securityContext", {})
        need(psc.get("runAsNonRoot") is True, "%s: pod must run as non-root" % name)
        need(pod.get("automountServiceAccountToken") is False, "%s: no service account token" % name)
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        need(len(volumes) == len(pod.get("volumes", [])), "%s: duplicate volume names" % name)
        for c in pod["containers"]:
            sc = c.get("securityContext", {})
            need(sc.get("readOnlyRootFilesystem") is True, "%s: read-only root file system" % name)
            need(sc.get("allowPrivilegeEscalation") is False, "%s: no privilege escalation" % name)
            need("ALL" in (sc.get("capabilities", {}).get("drop") or []), "%s: drop ALL capabilities" % name)
            need(re.match(r"^[^\s:]+(/[^\s:]+)*:[^\s:]+$", c.get("image", "")) is not None, "%s: image %r" % (name, c.get("image")))
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            need(isinstance(ports.get("http"), int), "%s: container port 'http'" % name)
            for probe, path in (("startupProbe", "/q/health/started"), ("readinessProbe", "/q/health/ready"),
                                ("livenessProbe", "/q/health/live")):
                p = c.get(probe, {}).get("httpGet", {})
                need(p.get("path") == path and p.get("port") in ports, "%s: %s on %s" % (name, probe, path))
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            for m in c.get("volumeMounts", []):
                need(m["name"] in volumes, "%s: mount of unknown volume %s" % (name, m["name"]))
            home = values["home"]["mountPath"]
            need(home in mounts and "emptyDir" in volumes.get(mounts[home], {}), "%s: PAVU_HOME on an emptyDir" % name)
            need("/tmp" in mounts, "%s: a writable /tmp" % name)
            need(all(k in c.get("resources", {}) for k in ("requests", "limits")), "%s: resources" % name)
            env = {e["name"]: e for e in c.get("env", [])}
            need(all(ENV_NAME.match(n) for n in env), "%s: bad env names %s" % (name, list(env)))
            pw = env.get("PAVU_DB_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {})
            need(bool(pw), "%s: PAVU_DB_PASSWORD from a Secret" % name)
            existing = values["postgresql"]["existingSecret"]
            if existing:
                need(pw.get("name") == existing, "%s: password from the existing Secret %s" % (name, existing))
            else:
                need(pw.get("name") in secrets and pw.get("key") in secrets[pw.get("name")].get("data", {}),
                     "%s: password Secret %s/%s is not rendered" % (name, pw.get("name"), pw.get("key")))
            for ref in c.get("envFrom", []):
                need(ref.get("configMapRef", {}).get("name") in cms, "%s: envFrom an unknown ConfigMap" % name)
            for v in volumes.values():
                if "configMap" in v:
                    need(v["configMap"]["name"] in cms, "%s: volume of unknown ConfigMap %s" % (name, v["configMap"]["name"]))
        for key, want in expect.get("deployment", {}).get(name, {}).items():
            got = spec.get(key, pod.get(key, "<absent>"))
            need(got == want, "%s: %s is %r, expected %r" % (name, key, got, want))

    for name, s in by_kind.get("Service", {}).items():
        sel = s["spec"]["selector"]
        targets = [d for d in deployments.values() if all(d["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in sel.items())]
        need(len(targets) == 1, "Service %s selects %d Deployments" % (name, len(targets)))
        for p in s["spec"]["ports"]:
            if targets:
                names = [cp["name"] for c in targets[0]["spec"]["template"]["spec"]["containers"] for cp in c.get("ports", [])]
                need(p["targetPort"] in names, "Service %s: targetPort %s" % (name, p["targetPort"]))

    for name, h in by_kind.get("HorizontalPodAutoscaler", {}).items():
        ref = h["spec"]["scaleTargetRef"]
        need(ref["name"] in deployments, "HPA %s targets unknown %s" % (name, ref["name"]))
        need("replicas" not in deployments.get(ref["name"], {}).get("spec", {}), "HPA %s: its Deployment must not fix replicas" % name)
        need(h["spec"]["minReplicas"] <= h["spec"]["maxReplicas"], "HPA %s: min > max" % name)

    for name, np_ in by_kind.get("NetworkPolicy", {}).items():
        spec = np_["spec"]
        sel = spec["podSelector"]["matchLabels"]
        selected = [n for n, d in deployments.items() if all(d["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in sel.items())]
        need(len(selected) == 1 and selected[0].endswith("-verifier"), "NetworkPolicy %s selects %s" % (name, selected))
        need(spec.get("policyTypes") == ["Egress"], "NetworkPolicy %s: policyTypes" % name)
        for rule in spec.get("egress", []):
            need(bool(rule.get("to")), "NetworkPolicy %s: an egress rule without `to` allows every destination: %s" % (name, rule))
            need(bool(rule.get("ports")), "NetworkPolicy %s: an egress rule without ports: %s" % (name, rule))
        allowed_ports = sorted({p["port"] for r in spec.get("egress", []) for p in r.get("ports", [])})
        need(allowed_ports == expect.get("egress_ports", allowed_ports), "NetworkPolicy %s: egress ports %s" % (name, allowed_ports))
    return problems


# ------------------------------------------------------------------------------------------ scenarios
BASE = {"postgresql.password": "s3cret"}
SCENARIOS = [
    ("defaults (with a password)", BASE, {
        "counts": {"Deployment": 5, "Service": 5, "ConfigMap": 2, "Secret": 1, "ServiceAccount": 1,
                   "NetworkPolicy": 1, "HorizontalPodAutoscaler": 0},
        "deployment": {"pavu-verifier": {"replicas": 2, "runtimeClassName": "<absent>"}},
        "egress_ports": [53, 5432, 8081, 9092],
    }),
    ("verifier autoscaled on gVisor, existing Secret, other release name",
     {**BASE, "services.verifier.autoscaling.enabled": True, "services.verifier.runtimeClassName": "gvisor",
      "postgresql.existingSecret": "pavu-db", "postgresql.password": "", "gatewayApiKey": "k"}, {
        "release": "acme",
        "counts": {"Deployment": 5, "Service": 5, "ConfigMap": 2, "Secret": 0, "HorizontalPodAutoscaler": 1},
        "deployment": {"acme-pavu-verifier": {"replicas": "<absent>", "runtimeClassName": "gvisor"}},
    }),
    ("model gateway disabled, no PostgreSQL egress, extra egress",
     {**BASE, "services.gateway.enabled": False, "networkPolicy.verifier.allowPostgres": False,
      "networkPolicy.verifier.extraEgress": [{"to": [{"ipBlock": {"cidr": "10.0.40.0/24"}}], "ports": [{"protocol": "TCP", "port": 8081}]}]}, {
        "counts": {"Deployment": 4, "Service": 4, "ConfigMap": 1},
        "all_services": False,
        "egress_ports": [53, 8081, 9092],
    }),
    ("network policy off, fullnameOverride, extra env, pod annotations",
     {**BASE, "networkPolicy.verifier.enabled": False, "fullnameOverride": "repair",
      "extraEnv": {"PAVU_LOG_LEVEL": "DEBUG"}, "podAnnotations": {"prometheus.io/scrape": "true"}}, {
        "counts": {"Deployment": 5, "NetworkPolicy": 0},
        "deployment": {"repair-planner": {"replicas": 1}},
    }),
]
MUST_FAIL = [
    ("no database password", {}, "postgresql.password is required"),
    ("empty Kafka egress", {**BASE, "networkPolicy.kafka.to": []}, "networkPolicy.kafka.to must name"),
    ("empty Kafka bootstrap", {**BASE, "kafka.bootstrap": ""}, "kafka.bootstrap is required"),
]


def parse_set(items):
    out = {}
    for it in items:
        k, _, v = it.partition("=")
        out[k] = yaml.safe_load(v) if v else ""
    return out


def main(argv):
    if "--show" in argv:
        sets = [argv[i + 1] for i, a in enumerate(argv) if a == "--set"]
        rendered, _ = render_chart({**BASE, **parse_set(sets)})
        for fn, text in rendered.items():
            print("# ---- %s\n%s\n" % (fn, text.strip("\n")))
        return 0
    failed = 0
    for title, overrides, expect in SCENARIOS:
        try:
            rendered, values = render_chart(overrides, release=expect.get("release", "pavu"))
            problems = check(manifests(rendered), values, expect)
        except TemplateError as e:
            problems = [str(e)]
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as e:
            problems = ["the rendered manifests do not have the expected shape (%s: %s); see --show"
                        % (type(e).__name__, e)]
        print("%s %s" % ("ok  " if not problems else "FAIL", title))
        for p in problems:
            print("       - " + p)
        failed += bool(problems)
    for title, overrides, message in MUST_FAIL:
        try:
            render_chart(overrides)
            print("FAIL %s: rendered, but should have been refused with %r" % (title, message))
            failed += 1
        except TemplateError as e:
            ok = message in str(e)
            print("%s refused: %s%s" % ("ok  " if ok else "FAIL", title, "" if ok else " (with %s)" % e))
            failed += not ok
    total = len(SCENARIOS) + len(MUST_FAIL)
    print("%d passed, %d failed" % (total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
