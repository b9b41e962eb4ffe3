import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  PROBLEM_MATCHER_STATE_KEY,
  authorizationFor,
  checkPrivateModules,
  emitAnnotations,
  readNetrc,
  registerGoProblemMatchers,
  setUpCredentials,
  writeContainerOutputs
} from "./chunks/chunk-JMZYAGG2.js";
import {
  localProxySummary,
  noLocalProxy
} from "./chunks/chunk-PDLFQQJU.js";
import {
  InputError,
  joinLines,
  normalisePatternListInput,
  normaliseProxyListInput,
  parseAttempts,
  parseBoolean,
  parseCacheKeyPrefix,
  parseChoice,
  parsePositiveSeconds,
  rejectControlCharacters
} from "./chunks/chunk-6PXY3W7Y.js";
import {
  checkVerifierKey,
  decodeStdBase64,
  parseGosumdb,
  planSumdbRoute,
  probeResultsOutput,
  probeSummaryBody
} from "./chunks/chunk-AIYJJUV6.js";
import {
  lintGoproxy
} from "./chunks/chunk-QHPJQ3Q3.js";
import {
  PatternList,
  isMalformedPattern,
  matchPrefixPatterns,
  splitPatternList
} from "./chunks/chunk-BZ6GQI7H.js";
import "./chunks/chunk-C2CKZ3L6.js";
import {
  ProbeNetwork,
  escapeModulePath,
  escapeModuleVersion,
  joinProxyPath,
  readCapped,
  redactUrl,
  require_undici,
  sharedTrust
} from "./chunks/chunk-OZQOQNGW.js";
import {
  ERR_NOPROXY,
  ERR_PROXY_OFF,
  ERR_USE_PROXY,
  goFields,
  isWindowsAbsolutePath,
  parseProxyList
} from "./chunks/chunk-ELAIAVPO.js";
import {
  DEFAULT_KEY_PREFIX,
  REPO_TEXT_FILE_MAX_BYTES,
  discoverWorkspace,
  parseGoMod,
  parseGoWork,
  readRepoFile,
  requiredModules,
  resolveInWorkspace
} from "./chunks/chunk-UBCJBZW2.js";
import {
  readBuildEnv
} from "./chunks/chunk-HJ6RNP2U.js";
import {
  addPath,
  cp,
  debug,
  exportVariable,
  getInput,
  goflagsErrorFor,
  inspectGo,
  mkdirP,
  parseGoflags,
  pathDirectories,
  prependPath,
  require_semver,
  rmRF,
  runGo,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary
} from "./chunks/chunk-2GCR54O6.js";
import {
  boundedTable,
  escapeCell,
  renderSummary
} from "./chunks/chunk-2U523TXB.js";
import {
  capList,
  displayText,
  displayValue,
  excerpt,
  proxyListSecrets,
  redactForDisplay,
  redactProxyList
} from "./chunks/chunk-U5PTCI5V.js";
import "./chunks/chunk-4T6WLE4C.js";
import {
  __commonJS,
  __name,
  __require,
  __toESM
} from "./chunks/chunk-WFYHVRTH.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS, "isAlias");
    var isDocument = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC, "isDocument");
    var isMap2 = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP, "isMap");
    var isPair = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR, "isPair");
    var isScalar2 = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR, "isScalar");
    var isSeq2 = /* @__PURE__ */ __name((node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ, "isSeq");
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    __name(isCollection, "isCollection");
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    __name(isNode, "isNode");
    var hasAnchor = /* @__PURE__ */ __name((node) => (isScalar2(node) || isCollection(node)) && !!node.anchor, "hasAnchor");
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias2;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    __name(visit, "visit");
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path8) {
      const ctrl = callVisitor(key, node, visitor, path8);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path8, ctrl);
        return visit_(key, ctrl, visitor, path8);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path8 = Object.freeze(path8.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path8);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path8 = Object.freeze(path8.concat(node));
          const ck = visit_("key", node.key, visitor, path8);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path8);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    __name(visit_, "visit_");
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    __name(visitAsync, "visitAsync");
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path8) {
      const ctrl = await callVisitor(key, node, visitor, path8);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path8, ctrl);
        return visitAsync_(key, ctrl, visitor, path8);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path8 = Object.freeze(path8.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path8);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path8 = Object.freeze(path8.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path8);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path8);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    __name(visitAsync_, "visitAsync_");
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    __name(initVisitor, "initVisitor");
    function callVisitor(key, node, visitor, path8) {
      if (typeof visitor === "function")
        return visitor(key, node, path8);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path8);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path8);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path8);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path8);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path8);
      return void 0;
    }
    __name(callVisitor, "callVisitor");
    function replaceNode(key, path8, node) {
      const parent = path8[path8.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    __name(replaceNode, "replaceNode");
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = /* @__PURE__ */ __name((tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]), "escapeTagName");
    var Directives = class _Directives {
      static {
        __name(this, "Directives");
      }
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    __name(anchorIsValid, "anchorIsValid");
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    __name(anchorNames, "anchorNames");
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    __name(findNewAnchor, "findNewAnchor");
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: /* @__PURE__ */ __name((source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        }, "onAnchor"),
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: /* @__PURE__ */ __name(() => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        }, "setAnchors"),
        sourceObjects
      };
    }
    __name(createNodeAnchors, "createNodeAnchors");
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    __name(applyReviver, "applyReviver");
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    __name(toJS, "toJS");
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      static {
        __name(this, "NodeBase");
      }
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      static {
        __name(this, "Alias");
      }
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: /* @__PURE__ */ __name((_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }, "Node")
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    __name(getAliasCount, "getAliasCount");
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = /* @__PURE__ */ __name((value) => !value || typeof value !== "function" && typeof value !== "object", "isScalarValue");
    var Scalar = class extends Node.NodeBase {
      static {
        __name(this, "Scalar");
      }
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    __name(findTagObject, "findTagObject");
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    __name(createNode, "createNode");
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path8, value) {
      let v = value;
      for (let i = path8.length - 1; i >= 0; --i) {
        const k = path8[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: /* @__PURE__ */ __name(() => {
          throw new Error("This should not happen, please report a bug.");
        }, "onAnchor"),
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    __name(collectionFromPath, "collectionFromPath");
    var isEmptyPath = /* @__PURE__ */ __name((path8) => path8 == null || typeof path8 === "object" && !!path8[Symbol.iterator]().next().done, "isEmptyPath");
    var Collection = class extends Node.NodeBase {
      static {
        __name(this, "Collection");
      }
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path8, value) {
        if (isEmptyPath(path8))
          this.add(value);
        else {
          const [key, ...rest] = path8;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path8) {
        const [key, ...rest] = path8;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path8, keepScalar) {
        const [key, ...rest] = path8;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path8) {
        const [key, ...rest] = path8;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path8, value) {
        const [key, ...rest] = path8;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = /* @__PURE__ */ __name((str) => str.replace(/^(?!$)(?: $)?/gm, "#"), "stringifyComment");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    __name(indentComment, "indentComment");
    var lineComment = /* @__PURE__ */ __name((str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment, "lineComment");
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    __name(foldFlowLines, "foldFlowLines");
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    __name(consumeMoreIndentedLines, "consumeMoreIndentedLines");
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = /* @__PURE__ */ __name((ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    }), "getFoldOptions");
    var containsDocumentMarker = /* @__PURE__ */ __name((str) => /^(%|---|\.\.\.)/m.test(str), "containsDocumentMarker");
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    __name(lineLengthOverLimit, "lineLengthOverLimit");
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    __name(doubleQuotedString, "doubleQuotedString");
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    __name(singleQuotedString, "singleQuotedString");
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    __name(quotedString, "quotedString");
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    __name(blockString, "blockString");
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = /* @__PURE__ */ __name((tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str), "test");
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    __name(plainString, "plainString");
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = /* @__PURE__ */ __name((_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      }, "_stringify");
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    __name(stringifyString, "stringifyString");
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    __name(createStringifyContext, "createStringifyContext");
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    __name(getTagObject, "getTagObject");
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    __name(stringifyProps, "stringifyProps");
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: /* @__PURE__ */ __name((o) => tagObj = o, "onTagObj") });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    __name(stringify, "stringify");
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    __name(stringifyPair, "stringifyPair");
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug2(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    __name(debug2, "debug");
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    __name(warn, "warn");
    exports.debug = debug2;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: /* @__PURE__ */ __name((value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY, "identify"),
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: /* @__PURE__ */ __name(() => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }), "resolve"),
      stringify: /* @__PURE__ */ __name(() => MERGE_KEY, "stringify")
    };
    var isMergeKey = /* @__PURE__ */ __name((ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default), "isMergeKey");
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    __name(addMergeToJSMap, "addMergeToJSMap");
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    __name(mergeValue, "mergeValue");
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    __name(resolveAliasValue, "resolveAliasValue");
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    __name(addPairToJSMap, "addPairToJSMap");
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    __name(stringifyKey, "stringifyKey");
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    __name(createPair, "createPair");
    var Pair = class _Pair {
      static {
        __name(this, "Pair");
      }
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    __name(stringifyCollection, "stringifyCollection");
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    __name(stringifyBlockCollection, "stringifyBlockCollection");
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    __name(stringifyFlowCollection, "stringifyFlowCollection");
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    __name(addCommentBefore, "addCommentBefore");
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    __name(findPair, "findPair");
    var YAMLMap = class extends Collection.Collection {
      static {
        __name(this, "YAMLMap");
      }
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = /* @__PURE__ */ __name((key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        }, "add");
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: /* @__PURE__ */ __name((schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx), "createNode")
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static {
        __name(this, "YAMLSeq");
      }
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    __name(asItemIndex, "asItemIndex");
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: /* @__PURE__ */ __name((schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx), "createNode")
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "string", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: /* @__PURE__ */ __name((str) => str, "resolve"),
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: /* @__PURE__ */ __name((value) => value == null, "identify"),
      createNode: /* @__PURE__ */ __name(() => new Scalar.Scalar(null), "createNode"),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: /* @__PURE__ */ __name(() => new Scalar.Scalar(null), "resolve"),
      stringify: /* @__PURE__ */ __name(({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr, "stringify")
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "boolean", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: /* @__PURE__ */ __name((str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"), "resolve"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    __name(stringifyNumber, "stringifyNumber");
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: /* @__PURE__ */ __name((str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY, "resolve"),
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: /* @__PURE__ */ __name((str) => parseFloat(str), "resolve"),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = /* @__PURE__ */ __name((value) => typeof value === "bigint" || Number.isInteger(value), "intIdentify");
    var intResolve = /* @__PURE__ */ __name((str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix), "intResolve");
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    __name(intStringify, "intStringify");
    var intOct = {
      identify: /* @__PURE__ */ __name((value) => intIdentify(value) && value >= 0, "identify"),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 2, 8, opt), "resolve"),
      stringify: /* @__PURE__ */ __name((node) => intStringify(node, 8, "0o"), "stringify")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 0, 10, opt), "resolve"),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: /* @__PURE__ */ __name((value) => intIdentify(value) && value >= 0, "identify"),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 2, 16, opt), "resolve"),
      stringify: /* @__PURE__ */ __name((node) => intStringify(node, 16, "0x"), "stringify")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    __name(intIdentify, "intIdentify");
    var stringifyJSON = /* @__PURE__ */ __name(({ value }) => JSON.stringify(value), "stringifyJSON");
    var jsonScalars = [
      {
        identify: /* @__PURE__ */ __name((value) => typeof value === "string", "identify"),
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: /* @__PURE__ */ __name((str) => str, "resolve"),
        stringify: stringifyJSON
      },
      {
        identify: /* @__PURE__ */ __name((value) => value == null, "identify"),
        createNode: /* @__PURE__ */ __name(() => new Scalar.Scalar(null), "createNode"),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: /* @__PURE__ */ __name(() => null, "resolve"),
        stringify: stringifyJSON
      },
      {
        identify: /* @__PURE__ */ __name((value) => typeof value === "boolean", "identify"),
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: /* @__PURE__ */ __name((str) => str === "true", "resolve"),
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: /* @__PURE__ */ __name((str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10), "resolve"),
        stringify: /* @__PURE__ */ __name(({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value), "stringify")
      },
      {
        identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: /* @__PURE__ */ __name((str) => parseFloat(str), "resolve"),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: /* @__PURE__ */ __name((value) => value instanceof Uint8Array, "identify"),
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    __name(resolvePairs, "resolvePairs");
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    __name(createPairs, "createPairs");
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      static {
        __name(this, "YAMLOMap");
      }
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: /* @__PURE__ */ __name((value) => value instanceof Map, "identify"),
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: /* @__PURE__ */ __name((schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx), "createNode")
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    __name(boolStringify, "boolStringify");
    var trueTag = {
      identify: /* @__PURE__ */ __name((value) => value === true, "identify"),
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: /* @__PURE__ */ __name(() => new Scalar.Scalar(true), "resolve"),
      stringify: boolStringify
    };
    var falseTag = {
      identify: /* @__PURE__ */ __name((value) => value === false, "identify"),
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: /* @__PURE__ */ __name(() => new Scalar.Scalar(false), "resolve"),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: /* @__PURE__ */ __name((str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY, "resolve"),
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: /* @__PURE__ */ __name((str) => parseFloat(str.replace(/_/g, "")), "resolve"),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = /* @__PURE__ */ __name((value) => typeof value === "bigint" || Number.isInteger(value), "intIdentify");
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    __name(intResolve, "intResolve");
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    __name(intStringify, "intStringify");
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 2, 2, opt), "resolve"),
      stringify: /* @__PURE__ */ __name((node) => intStringify(node, 2, "0b"), "stringify")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 1, 8, opt), "resolve"),
      stringify: /* @__PURE__ */ __name((node) => intStringify(node, 8, "0"), "stringify")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 0, 10, opt), "resolve"),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, opt) => intResolve(str, 2, 16, opt), "resolve"),
      stringify: /* @__PURE__ */ __name((node) => intStringify(node, 16, "0x"), "stringify")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      static {
        __name(this, "YAMLSet");
      }
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: /* @__PURE__ */ __name((value) => value instanceof Set, "identify"),
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: /* @__PURE__ */ __name((schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx), "createNode"),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = /* @__PURE__ */ __name((n) => asBigInt ? BigInt(n) : Number(n), "num");
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    __name(parseSexagesimal, "parseSexagesimal");
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = /* @__PURE__ */ __name((n) => n, "num");
      if (typeof value === "bigint")
        num = /* @__PURE__ */ __name((n) => BigInt(n), "num");
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    __name(stringifySexagesimal, "stringifySexagesimal");
    var intTime = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "bigint" || Number.isInteger(value), "identify"),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: /* @__PURE__ */ __name((str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt), "resolve"),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: /* @__PURE__ */ __name((value) => typeof value === "number", "identify"),
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: /* @__PURE__ */ __name((str) => parseSexagesimal(str, false), "resolve"),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: /* @__PURE__ */ __name((value) => value instanceof Date, "identify"),
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: /* @__PURE__ */ __name(({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? "", "stringify")
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    __name(getTags, "getTags");
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = /* @__PURE__ */ __name((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0, "sortMapEntriesByKey");
    var Schema = class _Schema {
      static {
        __name(this, "Schema");
      }
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    __name(stringifyDocument, "stringifyDocument");
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      static {
        __name(this, "Document");
      }
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path8, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path8, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = /* @__PURE__ */ __name((v) => typeof v === "number" || v instanceof String || v instanceof Number, "keyToStr");
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path8) {
        if (Collection.isEmptyPath(path8)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path8) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path8, keepScalar) {
        if (Collection.isEmptyPath(path8))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path8, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path8) {
        if (Collection.isEmptyPath(path8))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path8) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path8, value) {
        if (Collection.isEmptyPath(path8)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path8), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path8, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    __name(assertCollection, "assertCollection");
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      static {
        __name(this, "YAMLError");
      }
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      static {
        __name(this, "YAMLParseError");
      }
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      static {
        __name(this, "YAMLWarning");
      }
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = /* @__PURE__ */ __name((src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    }, "prettifyError");
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    __name(resolveProps, "resolveProps");
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    __name(containsNewline, "containsNewline");
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    __name(flowIndentCheck, "flowIndentCheck");
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    __name(mapIncludes, "mapIncludes");
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    __name(resolveBlockMap, "resolveBlockMap");
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    __name(resolveBlockSeq, "resolveBlockSeq");
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    __name(resolveEnd, "resolveEnd");
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = /* @__PURE__ */ __name((token) => token && (token.type === "block-map" || token.type === "block-seq"), "isBlock");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    __name(resolveFlowCollection, "resolveFlowCollection");
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    __name(resolveCollection, "resolveCollection");
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    __name(composeCollection, "composeCollection");
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    __name(resolveBlockScalar, "resolveBlockScalar");
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    __name(parseBlockScalarHeader, "parseBlockScalarHeader");
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    __name(splitLines, "splitLines");
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = /* @__PURE__ */ __name((rel, code, msg) => onError(offset + rel, code, msg), "_onError");
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    __name(resolveFlowScalar, "resolveFlowScalar");
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    __name(plainValue, "plainValue");
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    __name(singleQuotedValue, "singleQuotedValue");
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    __name(unfoldLines, "unfoldLines");
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    __name(doubleQuotedValue, "doubleQuotedValue");
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    __name(foldNewline, "foldNewline");
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok2 = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok2 ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    __name(parseCharCode, "parseCharCode");
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    __name(composeScalar, "composeScalar");
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    __name(findScalarTagByName, "findScalarTagByName");
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    __name(findScalarTagByTest, "findScalarTagByTest");
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    __name(emptyScalarPosition, "emptyScalarPosition");
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    __name(composeNode, "composeNode");
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    __name(composeEmptyNode, "composeEmptyNode");
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    __name(composeAlias, "composeAlias");
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    __name(composeDoc, "composeDoc");
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    __name(getErrorPos, "getErrorPos");
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    __name(parsePrelude, "parsePrelude");
    var Composer = class {
      static {
        __name(this, "Composer");
      }
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = /* @__PURE__ */ __name((pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        }, "_onError");
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    __name(resolveAsScalar, "resolveAsScalar");
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    __name(createScalarToken, "createScalarToken");
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    __name(setScalarValue, "setScalarValue");
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    __name(setBlockScalarValue, "setBlockScalarValue");
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    __name(addEndtoBlockProps, "addEndtoBlockProps");
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    __name(setFlowScalarValue, "setFlowScalarValue");
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = /* @__PURE__ */ __name((cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst), "stringify");
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    __name(stringifyToken, "stringifyToken");
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    __name(stringifyItem, "stringifyItem");
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    __name(visit, "visit");
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path8) => {
      let item = cst;
      for (const [field, index] of path8) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path8) => {
      const parent = visit.itemAtPath(cst, path8.slice(0, -1));
      const field = path8[path8.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path8, item, visitor) {
      let ctrl = visitor(item, path8);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path8.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path8);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path8) : ctrl;
    }
    __name(_visit, "_visit");
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = /* @__PURE__ */ __name((token) => !!token && "items" in token, "isCollection");
    var isScalar2 = /* @__PURE__ */ __name((token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar"), "isScalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    __name(prettyToken, "prettyToken");
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    __name(tokenType, "tokenType");
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    __name(isEmpty, "isEmpty");
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = /* @__PURE__ */ __name((ch) => !ch || invalidAnchorChars.has(ch), "isNotAnchorChar");
    var Lexer = class {
      static {
        __name(this, "Lexer");
      }
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      static {
        __name(this, "LineCounter");
      }
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    __name(includesToken, "includesToken");
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    __name(findNonEmptyIndex, "findNonEmptyIndex");
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    __name(isFlowToken, "isFlowToken");
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    __name(getPrevProps, "getPrevProps");
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    __name(getFirstKeyStartProps, "getFirstKeyStartProps");
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    __name(arrayPushArray, "arrayPushArray");
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    __name(fixFlowSeqItems, "fixFlowSeqItems");
    var Parser = class {
      static {
        __name(this, "Parser");
      }
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs2 = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs2, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs2);
              } else {
                Object.assign(it, { key: fs2, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs2 = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs2, sep: [] });
              else if (it.sep)
                this.stack.push(fs2);
              else
                Object.assign(it, { key: fs2, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    __name(parseOptions, "parseOptions");
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    __name(parseAllDocuments, "parseAllDocuments");
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    __name(parseDocument2, "parseDocument");
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    __name(parse, "parse");
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    __name(stringify, "stringify");
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/main.ts
import { stat } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path7 from "node:path";

// src/config/collect.ts
import { open } from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";

// src/config/readInputs.ts
var INPUT_FOR_VARIABLE = {
  GOPROXY: "goproxy",
  GOPRIVATE: "goprivate",
  GONOPROXY: "gonoproxy",
  GONOSUMDB: "gonosumdb",
  GOSUMDB: "gosumdb",
  GOFLAGS: "goflags",
  GOINSECURE: "goinsecure"
};
function readInputs() {
  const variables = {};
  const rawValues = [];
  for (const [variable, input] of Object.entries(INPUT_FOR_VARIABLE)) {
    const raw = getInput(input);
    rawValues.push(raw);
    rejectControlCharacters(input, raw);
    if (raw === "") continue;
    if (variable === "GOPROXY") variables[variable] = normaliseProxyListInput(raw);
    else if (variable === "GOSUMDB" || variable === "GOFLAGS") variables[variable] = joinLines(raw);
    else variables[variable] = normalisePatternListInput(raw);
  }
  return {
    variables,
    rawValues,
    workingDirectory: getInput("working-directory") || ".",
    envFile: getInput("env-file"),
    failOn: parseChoice("fail-on", getInput("fail-on") || "error", ["error", "warning", "never"]),
    probe: parseBoolean("probe", getInput("probe") || "true"),
    // Numbers are read as written (not trimmed): " 5 " is refused, not guessed at.
    probeTimeoutSeconds: parsePositiveSeconds("probe-timeout", rawInput("probe-timeout") || "10", 300),
    fallbacks: parseFallbacks(getInput("fallback-proxies")),
    onUnreachable: parseChoice("on-unreachable", getInput("on-unreachable") || "fallback", ["fallback", "fail", "warn"]),
    goVersion: getInput("go-version"),
    goVersionFile: getInput("go-version-file"),
    // Secrets: registered with the runner by the credentials phase before anything is printed.
    gitToken: singleLineInput("git-token"),
    gitTokenHosts: getInput("git-token-hosts"),
    netrc: getInput("netrc", { trimWhitespace: false }),
    goauth: singleLineInput("goauth"),
    cache: parseBoolean("cache", getInput("cache") || "true"),
    cacheDependencyPath: getInput("cache-dependency-path"),
    cacheKeyPrefix: parseCacheKeyPrefix("cache-key-prefix", getInput("cache-key-prefix")),
    download: parseBoolean("download", getInput("download") || "true"),
    save: parseChoice("save", getInput("save") || "auto", ["auto", "always", "never", "default-branch"]),
    crossOs: parseBoolean("cross-os", getInput("cross-os") || "false"),
    retries: parseAttempts("retries", rawInput("retries") || "3"),
    verify: parseBoolean("verify", getInput("verify") || "false")
  };
}
__name(readInputs, "readInputs");
function rawInput(name) {
  return getInput(name, { trimWhitespace: false });
}
__name(rawInput, "rawInput");
function singleLineInput(name) {
  const value = getInput(name);
  rejectControlCharacters(name, value, false);
  return value;
}
__name(singleLineInput, "singleLineInput");
function parseFallbacks(raw) {
  rejectControlCharacters("fallback-proxies", raw);
  const value = normaliseProxyListInput(raw);
  if (value === "") return [];
  const parse = parseProxyList(value, "");
  if (!parse.ok) {
    throw new InputError("fallback-proxies", value, redactProxyList(parse.error), "List mirror URLs such as https://mirror.example.com, one per line or comma-separated.");
  }
  if (parse.entries.some((entry2) => entry2.kind !== "url") || parse.ignoredAfterKeyword.trim() !== "") {
    throw new InputError("fallback-proxies", value, '"direct" and "off" are not mirrors', 'List only proxy URLs; keep "direct" at the end of GOPROXY itself.');
  }
  return parse.entries;
}
__name(parseFallbacks, "parseFallbacks");

// src/config/inputLimits.ts
var DEFAULT_INPUT_LIMIT = { maxChars: 4096, maxEntries: 256, separators: ",", singleLine: false };
var SINGLE = { maxEntries: 1, singleLine: true };
var PATTERN_LIST = { maxChars: 64 * 1024, maxEntries: 1e3, separators: "," };
var PROXY_LIST = { maxChars: 8192, maxEntries: 64, separators: ",|" };
var INPUT_LIMITS = {
  goproxy: PROXY_LIST,
  "fallback-proxies": PROXY_LIST,
  goprivate: PATTERN_LIST,
  gonoproxy: PATTERN_LIST,
  gonosumdb: PATTERN_LIST,
  goinsecure: PATTERN_LIST,
  gosumdb: { maxChars: 1024 },
  goflags: { maxChars: 8192, separators: "" },
  goauth: { maxChars: 4096, separators: ";", singleLine: true },
  "git-token": { ...SINGLE, maxChars: 8192 },
  "git-token-hosts": { maxChars: 8192, maxEntries: 100, separators: ", 	" },
  netrc: { maxChars: 64 * 1024, maxEntries: 200, separators: "" },
  "cache-dependency-path": { maxChars: 16 * 1024, maxEntries: 256 },
  "cache-key-prefix": { ...SINGLE, maxChars: 100 },
  // PEM text: a certificate chain of a few kB, one entry per line; a key of at most a few kB.
  "client-certificate": { maxChars: 64 * 1024, maxEntries: 4e3, separators: "" },
  "client-key": { maxChars: 32 * 1024, maxEntries: 2e3, separators: "" },
  "client-certificate-proxies": PROXY_LIST,
  "serve-modules": SINGLE,
  "check-latest": SINGLE,
  "problem-matcher": SINGLE,
  "working-directory": SINGLE,
  "env-file": SINGLE,
  "go-version": SINGLE,
  "go-version-file": SINGLE,
  "fail-on": SINGLE,
  probe: SINGLE,
  "probe-timeout": SINGLE,
  "on-unreachable": SINGLE,
  cache: SINGLE,
  download: SINGLE,
  save: SINGLE,
  "cross-os": SINGLE,
  retries: SINGLE,
  verify: SINGLE,
  "build-cache": SINGLE,
  "build-cache-save": SINGLE,
  // Words for a key: a few short ones (build-cache/inputs.ts holds them to 256 characters).
  "build-cache-key": { maxChars: 256, maxEntries: 32, separators: ", 	" }
};
function limitFor(input) {
  return { ...DEFAULT_INPUT_LIMIT, ...INPUT_LIMITS[input] };
}
__name(limitFor, "limitFor");
function countEntries(value, separators) {
  let count = 0;
  let inEntry = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === "\n" || separators.includes(char)) {
      inEntry = false;
    } else if (!inEntry && char !== " " && char !== "	" && char !== "\r") {
      inEntry = true;
      count++;
    }
  }
  return count;
}
__name(countEntries, "countEntries");
function inputNameOf(envName) {
  return envName.startsWith("INPUT_") ? envName.slice("INPUT_".length).toLowerCase() : null;
}
__name(inputNameOf, "inputNameOf");
function overLimit(value, limit, target) {
  if (value.length > limit.maxChars) {
    return { reason: `it has ${value.length} characters, more than the limit of ${limit.maxChars}`, fix: `Shorten ${target} to at most ${limit.maxChars} characters.` };
  }
  if (limit.maxEntries > 1) {
    const entries2 = countEntries(value, limit.separators);
    if (entries2 > limit.maxEntries) return { reason: `it has ${entries2} entries, more than the limit of ${limit.maxEntries}`, fix: `List at most ${limit.maxEntries} entries in ${target}.` };
  }
  return null;
}
__name(overLimit, "overLimit");
function limitError(input, value, limit = limitFor(input), where) {
  const subject = where === void 0 ? void 0 : `The job environment's ${where.variable}`;
  const over = overLimit(value, limit, where === void 0 ? `'${input}'` : `${where.variable} in the workflow's env`);
  return over === null ? null : new InputError(input, value, over.reason, over.fix, subject);
}
__name(limitError, "limitError");
function variableLimit(variable) {
  return limitFor(INPUT_FOR_VARIABLE[variable]);
}
__name(variableLimit, "variableLimit");
function checkInputLimits(env) {
  for (const [name, value] of Object.entries(env)) {
    const input = inputNameOf(name);
    if (input === null || value === void 0) continue;
    const limit = limitFor(input);
    const error = limitError(input, value, limit);
    if (error !== null) throw error;
    rejectControlCharacters(input, limit.singleLine ? value.trim() : value, !limit.singleLine);
  }
  for (const [variable, input] of Object.entries(INPUT_FOR_VARIABLE)) {
    const value = env[variable];
    if (value === void 0) continue;
    const error = limitError(input, value, limitFor(input), { variable });
    if (error !== null) throw error;
  }
}
__name(checkInputLimits, "checkInputLimits");

// src/go/envFile.ts
function parseGoEnvFile(text) {
  const values = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    const first = line.charCodeAt(0);
    if (eq < 0 || !(first >= 65 && first <= 90)) continue;
    values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return values;
}
__name(parseGoEnvFile, "parseGoEnvFile");

// src/go/precedence.ts
var MODULE_VARIABLES = ["GOPROXY", "GONOPROXY", "GONOSUMDB", "GOPRIVATE", "GOSUMDB", "GOFLAGS", "GOINSECURE", "GOTOOLCHAIN"];
var GO_DEFAULTS = {
  GOPROXY: "https://proxy.golang.org,direct",
  GOSUMDB: "sum.golang.org",
  GOTOOLCHAIN: "auto"
};
function resolveVariable(name, layers, builtinDefaults) {
  if (layers.input !== void 0 && layers.input !== "") return { value: layers.input, source: "input" };
  if (layers.env !== void 0 && layers.env !== "") return { value: layers.env, source: "env" };
  if (layers.envFile !== void 0 && layers.envFile !== "") return { value: layers.envFile, source: "env-file" };
  if (layers.userEnvFile !== void 0) return { value: layers.userEnvFile, source: "go-env-file" };
  if (layers.gorootEnvFile !== void 0) return { value: layers.gorootEnvFile, source: "goroot-go.env" };
  const fallback = Object.hasOwn(builtinDefaults, name) ? builtinDefaults[name] : void 0;
  if (fallback !== void 0 && fallback !== "") return { value: fallback, source: "go-default" };
  return { value: "", source: "unset" };
}
__name(resolveVariable, "resolveVariable");
function resolveModuleEnv(layers, builtinDefaults = { ...GO_DEFAULTS }) {
  const names = /* @__PURE__ */ new Set([...MODULE_VARIABLES, ...Object.keys(layers)]);
  const resolved = {};
  for (const name of names) resolved[name] = resolveVariable(name, layers[name] ?? {}, builtinDefaults);
  const goprivate = resolved["GOPRIVATE"];
  for (const name of ["GONOPROXY", "GONOSUMDB"]) {
    const current = resolved[name];
    if (current !== void 0 && current.value === "" && goprivate !== void 0 && goprivate.value !== "") {
      resolved[name] = { value: goprivate.value, source: "from-GOPRIVATE" };
    }
  }
  return resolved;
}
__name(resolveModuleEnv, "resolveModuleEnv");

// src/config/collect.ts
var CONFIGURED_VARIABLES = ["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOFLAGS", "GOINSECURE"];
var EnvFileError = class extends Error {
  static {
    __name(this, "EnvFileError");
  }
};
async function collectSettings(options) {
  const envFile = options.envFilePath === "" ? null : await readEnvFileInput(options.workspace, options.envFilePath);
  const inspected = await inspectGo(options.env, options.workingDirectory);
  const go = inspected !== null && !("error" in inspected) ? inspected : null;
  const goProblem = inspected !== null && "error" in inspected ? inspected.error : null;
  const userEnvFile = go !== null && go.goenv !== "" ? go.goenv : null;
  const gorootEnvFile = go !== null && go.goroot !== "" ? path.join(go.goroot, "go.env") : null;
  const userValues = userEnvFile === null ? /* @__PURE__ */ new Map() : parseGoEnvFile(await readOptional(userEnvFile));
  const gorootText = gorootEnvFile === null ? null : await readOptionalOrNull(gorootEnvFile);
  const gorootValues = gorootText === null ? /* @__PURE__ */ new Map() : parseGoEnvFile(gorootText);
  const layers = {};
  const emptySettings = [];
  for (const variable of CONFIGURED_VARIABLES) {
    const layer = {};
    const input = options.inputs[variable];
    if (input !== void 0 && input !== "") layer.input = input;
    const envValue = options.env[variable];
    if (envValue !== void 0) layer.env = envValue;
    if (envValue === "" && layer.input === void 0) emptySettings.push({ variable, where: "the job environment", setIn: "env" });
    const fileValue = envFile?.values.get(variable);
    if (fileValue !== void 0) layer.envFile = fileValue;
    if (fileValue === "" && envFile !== null && layer.input === void 0 && !envValue) emptySettings.push({ variable, where: envFile.file, setIn: "env-file" });
    const userValue = userValues.get(variable);
    if (userValue !== void 0) layer.userEnvFile = userValue;
    const gorootValue = gorootValues.get(variable);
    if (gorootValue !== void 0) layer.gorootEnvFile = gorootValue;
    layers[variable] = layer;
  }
  const builtins = gorootText === null ? { ...GO_DEFAULTS } : {};
  const resolved = resolveModuleEnv(layers, builtins);
  const effective = Object.fromEntries(CONFIGURED_VARIABLES.map((variable) => [variable, resolved[variable] ?? { value: "", source: "unset" }]));
  checkFileValueLimits(effective, envFile?.file ?? "", userEnvFile, gorootEnvFile);
  return { effective, emptySettings, envFile, go, goProblem, userEnvFile, gorootEnvFile: gorootText === null ? null : gorootEnvFile };
}
__name(collectSettings, "collectSettings");
function checkFileValueLimits(effective, envFile, userEnvFile, gorootEnvFile) {
  for (const variable of CONFIGURED_VARIABLES) {
    const { value, source } = effective[variable];
    const file = source === "env-file" ? envFile : source === "go-env-file" ? userEnvFile : source === "goroot-go.env" ? gorootEnvFile : null;
    if (file === null) continue;
    const over = overLimit(value, variableLimit(variable), `${variable} in ${displayValue(file)}`);
    if (over === null) continue;
    const where = source === "env-file" ? `the env-file '${displayValue(file)}' (input 'env-file')` : `the go env file ${displayValue(file)}`;
    throw new EnvFileError(`${variable} from ${where} has the value '${displayValue(value)}': ${over.reason} (the limit of the '${INPUT_FOR_VARIABLE[variable]}' input). ${over.fix}`);
  }
}
__name(checkFileValueLimits, "checkFileValueLimits");
var ENV_FILE_MAX_BYTES = 256 * 1024;
var ENV_FILE_FAILURES = {
  "not-found": "the file does not exist",
  "outside-workspace": "it resolves (through a symbolic link or an absolute path) to a place outside the workspace, which this action does not read",
  "not-regular": "it is not a regular file (a directory, FIFO, socket or device)",
  "too-large": `it is larger than ${ENV_FILE_MAX_BYTES / 1024} KiB, far more than an env-file of KEY=VALUE lines`,
  unreadable: "the file cannot be read"
};
async function readEnvFileInput(workspace, relative) {
  const read = await readRepoFile(workspace, relative, { maxBytes: ENV_FILE_MAX_BYTES });
  if (!read.ok) {
    const detail = read.failure === "unreadable" ? ` (${read.detail})` : "";
    throw new EnvFileError(`Input 'env-file' names '${displayValue(relative)}', but ${ENV_FILE_FAILURES[read.failure]}${detail}. Give a regular file inside the repository, relative to its root, e.g. 'env-file: go.env', or remove the input.`);
  }
  const absolute = path.resolve(workspace, relative);
  const text = withoutCarriageReturns(read.text);
  return { file: path.relative(workspace, absolute).split(path.sep).join("/"), values: parseGoEnvFile(text), lines: envFileKeyLines(text) };
}
__name(readEnvFileInput, "readEnvFileInput");
function withoutCarriageReturns(text) {
  return text.includes("\r") ? text.split("\r\n").join("\n") : text;
}
__name(withoutCarriageReturns, "withoutCarriageReturns");
function envFileKeyLines(text) {
  const lines = /* @__PURE__ */ new Map();
  text.split("\n").forEach((line, index) => {
    const equals = line.indexOf("=");
    const first = line.charCodeAt(0);
    if (equals > 0 && first >= 65 && first <= 90) lines.set(line.slice(0, equals), index + 1);
  });
  return lines;
}
__name(envFileKeyLines, "envFileKeyLines");
async function readOptional(file) {
  return await readOptionalOrNull(file) ?? "";
}
__name(readOptional, "readOptional");
var GO_ENV_FILE_MAX_BYTES = 1024 * 1024;
async function readOptionalOrNull(file) {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (process.platform === "win32" ? 0 : constants.O_NONBLOCK));
  } catch {
    return null;
  }
  try {
    const info2 = await handle.stat();
    if (!info2.isFile()) return null;
    const buffer = Buffer.alloc(Math.min(info2.size, GO_ENV_FILE_MAX_BYTES));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled).toString("utf8");
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
__name(readOptionalOrNull, "readOptionalOrNull");

// src/config/lintPatterns.ts
var PATTERN_VARIABLES = ["GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE"];
function lintPatternList(variable, value) {
  const problems = [];
  const shown = displayValue(value, 100);
  const warn = /* @__PURE__ */ __name((code, message, fix) => {
    problems.push({ severity: "warning", code, variable, message: `${variable}="${shown}": ${message}`, fix });
  }, "warn");
  const q = /* @__PURE__ */ __name((text) => displayValue(text), "q");
  if (value.includes(";")) {
    warn("PATTERN_BAD_SEPARATOR", 'contains ";", but the go command separates patterns with "," only, so the text around it is one pattern that never matches.', `Separate the patterns with ",": ${variable}=${q(value.split(/[;,]/).map((p) => p.trim()).filter(Boolean).join(","))}`);
  }
  for (const element of value.split(",")) {
    if (element === "") continue;
    const trimmed = element.trim();
    if (trimmed === "") continue;
    if (element !== trimmed) {
      warn("PATTERN_WHITESPACE", `the pattern "${q(element)}" has leading or trailing white space, so it never matches (the go command does not trim).`, `Remove the spaces: "${q(trimmed)}".`);
      continue;
    }
    if (/\s/.test(trimmed)) {
      warn("PATTERN_BAD_SEPARATOR", `the pattern "${q(trimmed)}" contains white space; patterns are separated by "," only, so it never matches.`, `Write ${q(trimmed.split(/\s+/).join(","))}`);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
      const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^/?#]*@/, "");
      warn("PATTERN_HAS_SCHEME", `the pattern "${q(trimmed)}" starts with a URL scheme; module paths never do, so it never matches.`, `Write the module path prefix without the scheme: "${q(withoutScheme)}".`);
      continue;
    }
    if (trimmed.endsWith("//")) {
      warn("PATTERN_DOUBLE_SLASH", `the pattern "${q(trimmed)}" ends in "//"; the go command removes one "/" and the rest matches no module path.`, `Write "${q(trimTrailingSlashes(trimmed))}".`);
      continue;
    }
    if (isMalformedPattern(trimmed.replace(/\/$/, ""))) {
      warn("PATTERN_MALFORMED", `the pattern "${q(trimmed)}" is not a valid glob (unclosed "[" or a trailing "\\"), and the go command silently ignores it.`, "Fix the glob syntax; only *, ?, [a-z] and [^a-z] are supported.");
      continue;
    }
    const firstElement = trimmed.split("/")[0] ?? "";
    if (/[A-Z]/.test(firstElement)) {
      warn("PATTERN_UPPERCASE", `the pattern "${q(trimmed)}" has upper case in its first element; module paths' first element is always lower case and matching is case-sensitive, so it never matches.`, `Write "${q(firstElement.toLowerCase() + trimmed.slice(firstElement.length))}".`);
    }
  }
  return problems;
}
__name(lintPatternList, "lintPatternList");
function trimTrailingSlashes(text) {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}
__name(trimTrailingSlashes, "trimTrailingSlashes");

// src/config/lintOther.ts
function lintGosumdb(value) {
  const parse = parseGosumdb(value);
  const shown = displayValue(value);
  if (!parse.ok) {
    const fix = value.trim() === "off" ? 'The go command compares "off" exactly, spaces included: write GOSUMDB=off (but prefer GONOSUMDB for private modules).' : /^off$/i.test(value.trim()) ? '"off" is case-sensitive: write GOSUMDB=off (but prefer GONOSUMDB for private modules).' : 'Use sum.golang.org (the default), "off", "<name>+<hash>+<key>", or "<name>+<hash>+<key> <url>".';
    return {
      parse,
      problems: [{ severity: "error", code: "GOSUMDB_INVALID", variable: "GOSUMDB", message: `GOSUMDB="${shown}" is rejected by the go command: verifying go.mod: ${displayText(parse.error)}. Every checksum lookup fails.`, fix }]
    };
  }
  if (parse.config.kind === "off") {
    return {
      parse,
      problems: [{ severity: "warning", code: "GOSUMDB_OFF", variable: "GOSUMDB", message: "GOSUMDB=off disables checksum verification of every module not already in go.sum, public ones included.", fix: "Keep the checksum database on and list only private module paths in GONOSUMDB (or GOPRIVATE)." }]
    };
  }
  return { parse, problems: [] };
}
__name(lintGosumdb, "lintGosumdb");
function lintGoflags(value) {
  if (value.trim() === "") return [];
  const shown = displayValue(value);
  const parse = parseGoflags(value);
  if (!parse.ok) {
    return [{ severity: "error", code: "GOFLAGS_INVALID", variable: "GOFLAGS", message: `GOFLAGS="${shown}" is rejected: ${displayText(parse.error)}.`, fix: 'Write GOFLAGS as space-separated -flag or -flag=value items (quote a value containing spaces: "-ldflags=-s -w").' }];
  }
  const problems = [];
  const commandError = goflagsErrorFor(value, "go mod download") ?? goflagsErrorFor(value, "go build");
  if (commandError !== null) {
    problems.push({ severity: "error", code: "GOFLAGS_INVALID", variable: "GOFLAGS", message: `GOFLAGS="${shown}" is rejected: ${displayText(commandError.split("\n")[0] ?? "")}.`, fix: "Remove the flag or give it a valid value." });
  }
  if (parse.flags.some((flag) => flag.name === "insecure")) {
    problems.push({ severity: "warning", code: "GOFLAGS_INSECURE", variable: "GOFLAGS", message: 'GOFLAGS contains -insecure, which no longer exists: "go get" fails with "-insecure flag is no longer supported" and it never skipped checksum checks.', fix: "Remove -insecure; list hosts that need plain http in GOINSECURE." });
  }
  return problems;
}
__name(lintGoflags, "lintGoflags");
function lintEmptyOverrides(emptySettings, effective) {
  return emptySettings.map(({ variable, where, setIn }) => {
    const effectiveValue = effective[variable] ?? "";
    if ((variable === "GONOPROXY" || variable === "GONOSUMDB") && (effective["GOPRIVATE"] ?? "") !== "") {
      return {
        severity: "warning",
        code: "EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE",
        variable,
        setIn,
        message: `${variable} is set to an empty string in ${where}, but Go treats empty as unset and uses GOPRIVATE ("${displayValue(effective["GOPRIVATE"] ?? "")}") instead.`,
        fix: `To make private modules ${variable === "GONOPROXY" ? "go through the proxy" : "be checked by the checksum database"}, set ${variable}=none (a pattern that matches nothing).`
      };
    }
    return {
      severity: "notice",
      code: "EMPTY_IS_UNSET",
      variable,
      setIn,
      message: `${variable} is set to an empty string in ${where}; Go treats that as unset, so the effective value is "${displayValue(effectiveValue)}".`,
      fix: `Remove the empty ${variable} setting, or give the value you mean.`
    };
  });
}
__name(lintEmptyOverrides, "lintEmptyOverrides");
function lintBlankPatternValue(variable, value) {
  if (value === "" || !/^[\s"']+$/.test(value)) return [];
  const derived = variable === "GONOPROXY" || variable === "GONOSUMDB";
  return [
    {
      severity: "warning",
      code: "PATTERN_BLANK_VALUE",
      variable,
      message: `${variable} is ${displayValue(JSON.stringify(value))}: that is not empty for the go command, so it is one pattern that matches nothing${derived ? ", and GOPRIVATE no longer applies to it" : ""}.`,
      fix: derived ? `Remove ${variable} to inherit GOPRIVATE, or write ${variable}=none if matching nothing is what you want.` : `Remove ${variable}, or give real patterns.`
    }
  ];
}
__name(lintBlankPatternValue, "lintBlankPatternValue");
function lintGoEnvironmentQuirks(env, goVersion) {
  const problems = [];
  const goauth = env["GOAUTH"] ?? "";
  const minor = /^go1\.(\d+)/.exec(goVersion ?? "")?.[1];
  if (goauth !== "" && minor !== void 0 && Number(minor) < 24) {
    problems.push({ severity: "warning", code: "GOAUTH_IGNORED", variable: "GOAUTH", setIn: "env", message: `GOAUTH is set, but ${goVersion ?? "this go"} does not know it (GOAUTH arrived in Go 1.24): it only reads .netrc and URL userinfo.`, fix: "Use a .netrc entry (the netrc input), or install Go 1.24 or newer (go-version)." });
  }
  if (env["GOENV"] === "off") {
    problems.push({ severity: "notice", code: "GOENV_OFF", variable: "GOENV", setIn: "env", message: "GOENV=off: no go env file is read, but a later `go env -w` still writes the default file (a Go 1.23 quirk) and its values then apply to jobs without GOENV=off on the same machine.", fix: "Avoid `go env -w` in CI; set variables in the workflow env or through this action." });
  }
  return problems;
}
__name(lintGoEnvironmentQuirks, "lintGoEnvironmentQuirks");
function lintGoauth(value, platform = process.platform) {
  if (value.trim() === "") return [];
  const commands = value.split(";").map((command) => command.trim()).filter((command) => command !== "");
  const problem = /* @__PURE__ */ __name((message, fix) => ({ severity: "error", code: "GOAUTH_INVALID", variable: "GOAUTH", message: `GOAUTH="${displayValue(value)}": ${message}`, fix }), "problem");
  if (commands.includes("off") && commands.length > 1) return [problem("GOAUTH=off cannot be combined with other authentication commands.", 'Use "off" alone, or drop it.')];
  const windows = platform === "win32";
  for (const command of commands) {
    const fields = goFields(command);
    if (fields[0] !== "git") continue;
    const dir = fields[1] ?? "";
    const absolute = windows ? isWindowsAbsolutePath(dir) : dir.startsWith("/");
    if (fields.length !== 2 || !absolute) {
      const example = windows ? "git C:\\path\\of\\a\\checkout" : "git /absolute/path/of/a/checkout";
      const what = windows ? 'one absolute directory with a drive or UNC path ("git C:\\dir" or "git \\\\server\\share\\dir"; on Windows "/dir" is not absolute)' : 'exactly one absolute directory ("git /abs/dir")';
      return [problem(`"${displayValue(command)}" needs ${what}.`, `Write GOAUTH="${example}" (a path without spaces: the go command splits GOAUTH at white space).`)];
    }
  }
  return [];
}
__name(lintGoauth, "lintGoauth");

// src/config/routing.ts
function routeModules(modules, settings) {
  const gonoproxy = new PatternList(settings.GONOPROXY);
  const gonosumdb = new PatternList(settings.GONOSUMDB);
  const goprivate = new PatternList(settings.GOPRIVATE);
  return modules.map((module) => ({
    ...module,
    viaProxy: !gonoproxy.matches(module.path),
    checkedBySumdb: !settings.sumdbOff && !gonosumdb.matches(module.path),
    private: goprivate.matches(module.path)
  }));
}
__name(routeModules, "routeModules");
function uniquePaths(routes, keep) {
  return [...new Set(routes.filter(keep).map((route) => route.path))].sort();
}
__name(uniquePaths, "uniquePaths");
function lintRouting(routes, settings, ownModulePaths) {
  const problems = [];
  const reported = /* @__PURE__ */ new Set();
  const gonoproxyShown = displayValue(settings.GONOPROXY);
  const gonosumdbShown = displayValue(settings.GONOSUMDB);
  for (const route of routes) {
    if (route.viaProxy || !route.checkedBySumdb) continue;
    const key = `${route.goModFile}:${route.line}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push({
      severity: "error",
      code: "PRIVATE_MODULE_CHECKED_BY_SUMDB",
      variable: "GONOSUMDB",
      file: route.goModFile,
      line: route.line,
      message: `${displayValue(route.path)} bypasses the proxy (it matches GONOPROXY="${gonoproxyShown}") but is still looked up in the public checksum database (GONOSUMDB="${gonosumdbShown}" does not cover it): the lookup fails with "404/410 Gone" and publishes the private path.`,
      fix: `Add ${displayValue(suggestPattern(route.path))} to GOPRIVATE (which sets both), or to GONOSUMDB.`
    });
  }
  if (routes.length > 0 || ownModulePaths.length > 0) {
    const goprivate = new PatternList(settings.GOPRIVATE);
    const used = /* @__PURE__ */ new Set();
    for (const path8 of /* @__PURE__ */ new Set([...routes.map((route) => route.path), ...ownModulePaths])) for (const pattern of goprivate.matchesOf(path8, (glob) => used.has(glob))) used.add(pattern);
    for (const pattern of goprivate.patterns) {
      if (used.has(pattern)) continue;
      problems.push({
        severity: "notice",
        code: "GOPRIVATE_UNUSED_PATTERN",
        variable: "GOPRIVATE",
        message: `The GOPRIVATE pattern "${displayValue(pattern)}" matches no module required by the workspace.`,
        fix: "Check the pattern for a typo (matching is per path element and case-sensitive), or remove it."
      });
    }
  }
  return problems;
}
__name(lintRouting, "lintRouting");
function suggestPattern(path8) {
  const parts = path8.split("/");
  return parts.length >= 3 ? parts.slice(0, 2).join("/") : parts[0] ?? path8;
}
__name(suggestPattern, "suggestPattern");

// src/report/sources.ts
function describeSource(source, variable, settings) {
  switch (source) {
    case "input":
      return `input \`${INPUT_FOR_VARIABLE[variable] ?? variable.toLowerCase()}\``;
    case "env":
      return "job environment";
    case "env-file":
      return `env-file \`${settings.envFile?.file ?? ""}\``;
    case "go-env-file":
      return `go env -w file (${settings.userEnvFile ?? "GOENV"})`;
    case "goroot-go.env":
      return `$GOROOT/go.env (${settings.gorootEnvFile ?? "go.env"})`;
    case "go-default":
      return "Go's built-in default";
    case "from-GOPRIVATE":
      return "derived from GOPRIVATE";
    case "unset":
      return "unset";
  }
}
__name(describeSource, "describeSource");

// src/report/workflowLocate.ts
var import_yaml = __toESM(require_dist(), 1);
function workflowPathFromRef(workflowRef, repository) {
  if (!workflowRef || !repository) return null;
  const match = /^([^/]+\/[^/]+)\/(\.github\/workflows\/.+?\.ya?ml)@/.exec(workflowRef);
  if (!match) return null;
  const [, refRepository = "", file = ""] = match;
  if (refRepository.toLowerCase() !== repository.toLowerCase()) return null;
  if (file.split("/").some((part) => part === ".." || part === "")) return null;
  return file;
}
__name(workflowPathFromRef, "workflowPathFromRef");
function stepIdFromGithubAction(action) {
  return action && !action.startsWith("__") ? action : void 0;
}
__name(stepIdFromGithubAction, "stepIdFromGithubAction");
function findInputLine(yamlText, inputName, hint) {
  const wf = loadWorkflow(yamlText);
  if (wf === null) return null;
  const jobs = candidateJobs(wf, hint);
  const byId = stepById(wf, jobs, hint);
  if (byId !== null) return inputLine(wf, byId.step, inputName);
  const hits = jobs.flatMap((job) => job.steps.filter((step) => usesThisAction(wf, step, hint))).map((step) => inputLine(wf, step, inputName)).filter((line) => line !== null);
  return hits.length === 1 ? hits[0] : null;
}
__name(findInputLine, "findInputLine");
function findEnvLine(yamlText, varName, hint) {
  const wf = loadWorkflow(yamlText);
  if (wf === null) return null;
  const jobs = candidateJobs(wf, hint);
  const byId = stepById(wf, jobs, hint);
  let scopeJobs;
  if (byId !== null) {
    const line = envLine(wf, byId.step, varName);
    if (line !== null) return line;
    scopeJobs = [byId.job];
  } else {
    const matching = jobs.flatMap((job) => job.steps.filter((step) => usesThisAction(wf, step, hint)).map((step) => ({ job, step })));
    const setters = matching.map(({ step }) => envLine(wf, step, varName)).filter((line) => line !== null);
    if (setters.length > 0) {
      return matching.length === 1 ? setters[0] : null;
    }
    const jobsWithStep = [...new Set(matching.map(({ job }) => job))];
    scopeJobs = jobs.length === 1 || jobsWithStep.length === 0 ? jobs : jobsWithStep;
  }
  const jobSetters = scopeJobs.map((job) => entryLine(wf, job.node, varName, "env")).filter((line) => line !== null);
  if (jobSetters.length > 0) return scopeJobs.length === 1 ? jobSetters[0] : null;
  return entryLine(wf, wf.doc.contents, varName, "env");
}
__name(findEnvLine, "findEnvLine");
var WORKFLOW_FILE_MAX_BYTES = 256 * 1024;
async function locateWorkflowFile(env) {
  const workspace = env["GITHUB_WORKSPACE"];
  const file = workflowPathFromRef(env["GITHUB_WORKFLOW_REF"], env["GITHUB_REPOSITORY"]);
  if (!workspace || file === null) return null;
  const read = await readRepoFile(workspace, file, { maxBytes: WORKFLOW_FILE_MAX_BYTES });
  return read.ok ? { file, text: read.text } : null;
}
__name(locateWorkflowFile, "locateWorkflowFile");
var lastLoaded = null;
function loadWorkflow(text) {
  if (lastLoaded?.text === text) return lastLoaded.workflow;
  let workflow = null;
  try {
    const lines = new import_yaml.LineCounter();
    const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false });
    if (doc.errors.length === 0 && (0, import_yaml.isMap)(doc.contents)) workflow = { doc, lines };
  } catch {
    workflow = null;
  }
  lastLoaded = { text, workflow };
  return workflow;
}
__name(loadWorkflow, "loadWorkflow");
function deref(wf, node) {
  if ((0, import_yaml.isAlias)(node)) return node.resolve(wf.doc);
  return node;
}
__name(deref, "deref");
function keyText(node) {
  if ((0, import_yaml.isScalar)(node) && (typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean")) {
    return String(node.value);
  }
  return null;
}
__name(keyText, "keyText");
function entries(wf, node, depth = 0) {
  const map = deref(wf, node);
  if (!(0, import_yaml.isMap)(map) || depth > 10) return [];
  const own = [];
  const merged = [];
  for (const pair of map.items) {
    const key = keyText(pair.key);
    if (key === null) continue;
    if (key === "<<" && !((0, import_yaml.isScalar)(pair.key) && pair.key.type !== "PLAIN")) {
      const sources = (0, import_yaml.isSeq)(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) merged.push(...entries(wf, source, depth + 1));
      continue;
    }
    own.push({ key, keyNode: (0, import_yaml.isScalar)(pair.key) ? pair.key : null, value: pair.value });
  }
  return [...own, ...merged];
}
__name(entries, "entries");
function entry(wf, node, key, caseInsensitive = false) {
  const all = entries(wf, node);
  const exact = all.find((e) => e.key === key);
  if (exact) return exact;
  if (!caseInsensitive) return null;
  const lower = key.toLowerCase();
  return all.find((e) => e.key.toLowerCase() === lower) ?? null;
}
__name(entry, "entry");
function lineOf(wf, node) {
  const start = node?.range?.[0];
  return start === void 0 ? null : wf.lines.linePos(start).line;
}
__name(lineOf, "lineOf");
function scalarString(wf, node) {
  const value = deref(wf, node);
  return (0, import_yaml.isScalar)(value) && typeof value.value === "string" ? value.value : null;
}
__name(scalarString, "scalarString");
function entryLine(wf, node, key, section, caseInsensitive = false) {
  const container = entry(wf, node, section);
  if (container === null) return null;
  const found = entry(wf, container.value, key, caseInsensitive);
  return found === null ? null : lineOf(wf, found.keyNode);
}
__name(entryLine, "entryLine");
function candidateJobs(wf, hint) {
  const jobsEntry = entry(wf, wf.doc.contents, "jobs");
  if (jobsEntry === null) return [];
  const all = entries(wf, jobsEntry.value).map(({ key, value }) => {
    const node = deref(wf, value);
    const stepsEntry = entry(wf, node, "steps");
    const stepsNode = stepsEntry === null ? null : deref(wf, stepsEntry.value);
    const steps = (0, import_yaml.isSeq)(stepsNode) ? stepsNode.items.map((item) => deref(wf, item)).filter((item) => (0, import_yaml.isMap)(item)) : [];
    return { id: key, node, steps };
  });
  const named = hint.job === void 0 ? [] : all.filter((job) => job.id === hint.job);
  return named.length > 0 ? named : all;
}
__name(candidateJobs, "candidateJobs");
function stepById(wf, jobs, hint) {
  const id = stepIdFromGithubAction(hint.stepId);
  if (id === void 0) return null;
  const found = jobs.flatMap((job) => job.steps.filter((step) => scalarString(wf, entry(wf, step, "id")?.value) === id).map((step) => ({ job, step })));
  return found.length === 1 ? found[0] : null;
}
__name(stepById, "stepById");
function usesThisAction(wf, step, hint) {
  const uses = scalarString(wf, entry(wf, step, "uses")?.value)?.trim();
  if (!uses) return false;
  return hint.actionRefSubstrings.some((ref) => {
    if (ref === "") return false;
    if (ref.startsWith("./")) return stripSlashes(uses) === stripSlashes(ref);
    return uses.includes(ref);
  });
}
__name(usesThisAction, "usesThisAction");
function stripSlashes(p) {
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
  const trimmed = p.slice(0, end);
  return trimmed === "" || trimmed === "." ? "." : trimmed;
}
__name(stripSlashes, "stripSlashes");
function inputLine(wf, step, inputName) {
  return entryLine(wf, step, inputName, "with", true);
}
__name(inputLine, "inputLine");
function envLine(wf, step, varName) {
  return entryLine(wf, step, varName, "env");
}
__name(envLine, "envLine");

// src/report/locate.ts
function locateProblem(problem, context) {
  if (problem.file !== void 0 || problem.variable === void 0) return problem;
  const setting = whereSet(problem, context);
  if (setting === null) return problem;
  const { where, variable } = setting;
  if (where === "env-file") {
    const line2 = context.envFile?.lines.get(variable);
    return context.envFile === null ? problem : { ...problem, file: context.envFile.file, ...line2 === void 0 ? {} : { line: line2 } };
  }
  if (context.workflow === null) return problem;
  const line = where === "input" ? findInputLine(context.workflow.text, context.inputFor[variable] ?? variable.toLowerCase(), context.hint) : findEnvLine(context.workflow.text, variable, context.hint);
  return line === null ? problem : { ...problem, file: context.workflow.file, line };
}
__name(locateProblem, "locateProblem");
function whereSet(problem, context) {
  let variable = problem.variable ?? "";
  if (problem.setIn !== void 0) return { where: problem.setIn, variable };
  let source = context.sources[variable];
  if (source === "from-GOPRIVATE") {
    variable = "GOPRIVATE";
    source = context.sources[variable];
  }
  if (source === "input" || source === "env" || source === "env-file") return { where: source, variable };
  return null;
}
__name(whereSet, "whereSet");

// src/toolchain/checks.ts
import { access, constants as constants2 } from "node:fs/promises";
import path2 from "node:path";

// src/toolchain/download.ts
var import_undici = __toESM(require_undici(), 1);
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
var MAX_REDIRECTS = 10;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var Http = class _Http {
  constructor(network, netrc, deadlineAt) {
    this.network = network;
    this.netrc = netrc;
    this.deadlineAt = deadlineAt;
  }
  network;
  netrc;
  deadlineAt;
  static {
    __name(this, "Http");
  }
  static async open(env, netrc, deadlineAt, connectTimeoutMs = 1e4) {
    const network = new ProbeNetwork({ connectTimeoutMs, trust: sharedTrust(env), env });
    return new _Http(network, netrc, deadlineAt);
  }
  close() {
    return this.network.close();
  }
  /** GET `rawUrl` (http, https or file). Never throws. */
  async get(rawUrl, options) {
    try {
      if (rawUrl.startsWith("file:")) return await getFile(rawUrl, options);
      return await this.getHttp(rawUrl, options);
    } catch (error) {
      return { kind: "error", notFound: false, message: `${redactUrl(rawUrl)}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  async getHttp(rawUrl, options) {
    const auth = authorizationFor(this.netrc, rawUrl);
    if (auth.kind === "refused") return { kind: "error", notFound: false, message: auth.error };
    let current = new URL(rawUrl);
    const first = current;
    let authorization = auth.kind === "basic" ? `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString("base64")}` : null;
    for (let redirects = 0; ; redirects++) {
      const remaining = this.deadlineAt - Date.now();
      if (remaining <= 0) return { kind: "error", notFound: false, message: `${redactUrl(current.href)}: time budget exhausted` };
      const target = new URL(current.href);
      target.username = "";
      target.password = "";
      target.hash = "";
      const headers = { "user-agent": "Go-http-client/1.1" };
      if (authorization !== null) headers["authorization"] = authorization;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${Math.round(remaining / 1e3)} s`)), remaining);
      try {
        const { dispatcher } = this.network.route(target);
        const response = await (0, import_undici.request)(target, { method: "GET", dispatcher, headers, signal: controller.signal, headersTimeout: remaining, bodyTimeout: remaining });
        response.body.on("error", () => {
        });
        const status = response.statusCode;
        const location = response.headers["location"];
        if (REDIRECTS.has(status) && typeof location === "string") {
          response.body.destroy();
          if (redirects >= MAX_REDIRECTS) return { kind: "error", notFound: false, message: `${redactUrl(first.href)}: stopped after 10 redirects` };
          const next = new URL(location, current);
          if (first.protocol === "https:" && next.protocol !== "https:") {
            return { kind: "error", notFound: false, message: `redirected from secure URL ${redactUrl(first.href)} to insecure URL ${redactUrl(next.href)}` };
          }
          if (next.hostname !== current.hostname && !next.hostname.endsWith(`.${current.hostname}`)) authorization = null;
          current = next;
          continue;
        }
        if (status !== 200) {
          const text = await readCapped(response.body, 4096);
          const contentType = String(response.headers["content-type"] ?? "");
          const detail = contentType.startsWith("text/plain") && text.trim() !== "" ? `
	server response: ${text.trim().split("\n").slice(0, 8).join("\n	")}` : "";
          return { kind: "status", status, notFound: status === 404 || status === 410, message: `reading ${redactUrl(current.href)}: ${status} ${statusText(status)}${detail}` };
        }
        if (options.statusOnly === true) {
          response.body.destroy();
          return { kind: "ok", body: Buffer.alloc(0), url: current.href };
        }
        const declared = Number(response.headers["content-length"] ?? NaN);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.body.destroy();
          return { kind: "error", notFound: false, message: `${redactUrl(current.href)}: ${declared} bytes is more than the ${options.maxBytes}-byte limit` };
        }
        const chunks = [];
        let size = 0;
        for await (const chunk of response.body) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          size += buffer.length;
          if (size > options.maxBytes) {
            response.body.destroy();
            return { kind: "error", notFound: false, message: `${redactUrl(current.href)}: body larger than the ${options.maxBytes}-byte limit` };
          }
          chunks.push(buffer);
        }
        return { kind: "ok", body: Buffer.concat(chunks), url: current.href };
      } catch (error) {
        const reason = controller.signal.aborted ? String(controller.signal.reason?.message ?? "timeout") : describeError(error);
        return { kind: "error", notFound: false, message: `Get "${redactUrl(current.href)}": ${reason}` };
      } finally {
        clearTimeout(timer);
      }
    }
  }
};
function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const code = error.code ?? (cause instanceof Error ? cause.code : void 0);
  const message = cause instanceof Error && cause.message !== "" ? cause.message : error.message;
  return code !== void 0 && !message.includes(code) ? `${message} (${code})` : message;
}
__name(describeError, "describeError");
function statusText(status) {
  const texts = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
  return texts[status] ?? "";
}
__name(statusText, "statusText");
async function getFile(rawUrl, options) {
  const file = fileURLToPath(rawUrl);
  try {
    const body = await readFile(file);
    if (body.length > options.maxBytes) return { kind: "error", notFound: false, message: `${file}: larger than the ${options.maxBytes}-byte limit` };
    return { kind: "ok", body: options.statusOnly === true ? Buffer.alloc(0) : body, url: rawUrl };
  } catch (error) {
    const code = error.code;
    return { kind: "error", notFound: code === "ENOENT" || code === "ENOTDIR", message: `open ${file}: ${code === "ENOENT" ? "no such file or directory" : String(code)}` };
  }
}
__name(getFile, "getFile");
function proxyFileURL(base, modulePath, file) {
  const url = new URL(base);
  url.pathname = joinProxyPath(url.pathname, escapeModulePath(modulePath), "@v", file);
  return url.href;
}
__name(proxyFileURL, "proxyFileURL");
function versionFile(version, ext) {
  return `${escapeModuleVersion(version)}.${ext}`;
}
__name(versionFile, "versionFile");
var TOOLCHAIN_DIRECT_PROXY = "https://go.dev/dl/mod";
async function walkProxies(http, goproxy, gonoproxy, modulePath, file, options) {
  const list = parseProxyList(goproxy, gonoproxy);
  if (!list.ok) return { body: null, servedBy: null, attempts: [], error: list.error, errorIsNotFound: false };
  const privateModule = gonoproxy !== "" && matchPrefixPatterns(gonoproxy, modulePath);
  const elements = [];
  if (list.implicitNoproxy) elements.push({ url: "noproxy", fallthrough: "on-404-410" });
  for (const entry2 of list.entries) elements.push({ url: entry2.url, fallthrough: entry2.fallthrough });
  const attempts = [];
  let best = null;
  for (const element of elements) {
    let outcome;
    let isDirect = false;
    if (element.url === "off") {
      outcome = { kind: "error", notFound: true, message: ERR_PROXY_OFF };
    } else if (element.url === "noproxy" || element.url === "direct") {
      if (element.url === "noproxy" && !privateModule) {
        attempts.push({ element: "noproxy", outcome: "not-found", message: ERR_USE_PROXY });
        if (best === null) best = { message: ERR_USE_PROXY, notFound: true, rank: 0 };
        continue;
      }
      isDirect = true;
      outcome = await http.get(proxyFileURL(TOOLCHAIN_DIRECT_PROXY, modulePath, file), options);
    } else if (privateModule) {
      outcome = { kind: "error", notFound: true, message: `module lookup ${ERR_NOPROXY}` };
    } else {
      outcome = await http.get(proxyFileURL(element.url, modulePath, file), options);
    }
    const label = element.url === "noproxy" || element.url === "direct" || element.url === "off" ? element.url : redactUrl(element.url);
    if (outcome.kind === "ok") {
      attempts.push({ element: label, outcome: "ok", message: "served" });
      return { body: outcome.body, servedBy: label, attempts, error: null, errorIsNotFound: false };
    }
    const notFound = outcome.notFound;
    attempts.push({ element: label, outcome: notFound ? "not-found" : "error", message: outcome.message });
    const bestRank = best?.rank ?? 0;
    if (isDirect) best = { message: outcome.message, notFound, rank: 2 };
    else if (bestRank <= 1 && !notFound) best = { message: outcome.message, notFound, rank: 1 };
    else if (bestRank === 0) best = { message: outcome.message, notFound, rank: 0 };
    if (element.fallthrough !== "on-any-error" && !notFound) break;
  }
  return { body: null, servedBy: null, attempts, error: best?.message ?? null, errorIsNotFound: best?.notFound ?? false };
}
__name(walkProxies, "walkProxies");

// src/toolchain/note.ts
import { createPublicKey, verify as cryptoVerify } from "node:crypto";
var NoteError = class extends Error {
  static {
    __name(this, "NoteError");
  }
  name = "NoteError";
};
function parseVerifier(vkey) {
  const checked = checkVerifierKey(vkey);
  if (!checked.ok) throw new NoteError(checked.error);
  const parts = vkey.split("+");
  const keyHash = parseInt(parts[1], 16);
  const key = decodeStdBase64(parts.slice(2).join("+"));
  const raw = Buffer.from(key.subarray(1));
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
  return { name: checked.name, keyHash, publicKey };
}
__name(parseVerifier, "parseVerifier");
function isValidName(name) {
  return name !== "" && !name.includes("+") && goFields(name).length === 1 && goFields(name)[0] === name;
}
__name(isValidName, "isValidName");
function openNote(msg, verifier) {
  let decoded;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(msg);
  } catch {
    throw new NoteError("malformed note");
  }
  if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded)) throw new NoteError("malformed note");
  const split = msg.lastIndexOf("\n\n");
  if (split < 0) throw new NoteError("malformed note");
  const text = msg.subarray(0, split + 1);
  let sigs = msg.subarray(split + 2).toString("utf8");
  if (sigs === "" || !sigs.endsWith("\n")) throw new NoteError("malformed note");
  let verified = 0;
  let count = 0;
  while (sigs !== "") {
    const nl = sigs.indexOf("\n");
    let line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith("\u2014 ")) throw new NoteError("malformed note");
    line = line.slice(2);
    const space = line.indexOf(" ");
    const name = space < 0 ? line : line.slice(0, space);
    const b64 = space < 0 ? "" : line.slice(space + 1);
    const sig = decodeStdBase64(b64);
    if (sig === null || !isValidName(name) || b64 === "" || sig.length < 5) throw new NoteError("malformed note");
    if (++count > 100) throw new NoteError("malformed note");
    const hash = Buffer.from(sig).readUInt32BE(0);
    if (name !== verifier.name || hash !== verifier.keyHash) continue;
    if (!cryptoVerify(null, text, verifier.publicKey, sig.subarray(4))) {
      throw new NoteError(`invalid signature for key ${name}+${hash.toString(16).padStart(8, "0")}`);
    }
    verified++;
  }
  if (verified === 0) throw new NoteError("note has no verifiable signatures");
  return text.toString("utf8");
}
__name(openNote, "openNote");

// src/toolchain/tlog.ts
import { createHash } from "node:crypto";
var HASH_SIZE = 32;
var TILE_HEIGHT = 8;
function recordHash(data) {
  return createHash("sha256").update(Uint8Array.of(0)).update(data).digest();
}
__name(recordHash, "recordHash");
function nodeHash(left, right) {
  return createHash("sha256").update(Uint8Array.of(1)).update(left).update(right).digest();
}
__name(nodeHash, "nodeHash");
function splitPoint(n) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
__name(splitPoint, "splitPoint");
function merkleTreeHash(leafHashes) {
  if (leafHashes.length === 0) return createHash("sha256").digest();
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0]);
  const k = splitPoint(leafHashes.length);
  return nodeHash(merkleTreeHash(leafHashes.slice(0, k)), merkleTreeHash(leafHashes.slice(k)));
}
__name(merkleTreeHash, "merkleTreeHash");
function tilePath(level, index, width) {
  let n = index;
  let nStr = String(n % 1e3).padStart(3, "0");
  while (n >= 1e3) {
    n = Math.floor(n / 1e3);
    nStr = `x${String(n % 1e3).padStart(3, "0")}/${nStr}`;
  }
  const partial = width === 1 << TILE_HEIGHT ? "" : `.p/${width}`;
  return `tile/${TILE_HEIGHT}/${level}/${nStr}${partial}`;
}
__name(tilePath, "tilePath");
function tileWidth(level, index, treeSize) {
  const available = Math.floor(treeSize / 2 ** (TILE_HEIGHT * level));
  return Math.max(0, Math.min(256, available - index * 256));
}
__name(tileWidth, "tileWidth");
var TREE_PREFIX = "go.sum database tree\n";
function parseTree(text) {
  if (!text.startsWith(TREE_PREFIX) || text.split("\n").length - 1 < 3 || text.length > 1e6) return null;
  const lines = text.split("\n");
  const sizeText = lines[1];
  if (!/^(0|[1-9]\d*)$/.test(sizeText)) return null;
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return null;
  const hash = decodeStdBase64(lines[2]);
  if (hash === null || hash.length !== HASH_SIZE) return null;
  return { size, hash: Buffer.from(hash) };
}
__name(parseTree, "parseTree");
function isValidRecordText(text) {
  let decoded;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(text);
  } catch {
    return false;
  }
  return decoded.endsWith("\n") && !decoded.includes("\n\n") && !/[\u0000-\u0009\u000b-\u001f]/.test(decoded);
}
__name(isValidRecordText, "isValidRecordText");
function parseRecord(msg) {
  const nl = msg.indexOf(10);
  if (nl < 0) return null;
  const idText = msg.subarray(0, nl).toString("latin1");
  if (!/^[+-]?\d+$/.test(idText)) return null;
  const id = Number(idText);
  if (!Number.isSafeInteger(id)) return null;
  const body = msg.subarray(nl + 1);
  const blank = body.indexOf("\n\n");
  if (blank < 0) return null;
  const text = body.subarray(0, blank + 1);
  if (!isValidRecordText(text)) return null;
  return { id, text, rest: body.subarray(blank + 2) };
}
__name(parseRecord, "parseRecord");
var TlogError = class extends Error {
  static {
    __name(this, "TlogError");
  }
  name = "TlogError";
};
async function verifyInclusion(tree, id, leafHash, readTile) {
  if (!Number.isSafeInteger(id) || id < 0 || id >= tree.size) {
    throw new TlogError(`cannot validate record ${id} in tree of size ${tree.size}`);
  }
  const tiles = /* @__PURE__ */ new Map();
  const loadTile = /* @__PURE__ */ __name((level, index) => {
    const width = tileWidth(level, index, tree.size);
    const path8 = tilePath(level, index, width);
    let pending = tiles.get(path8);
    if (pending === void 0) {
      pending = readTile(path8).then((data) => {
        if (data.length !== width * HASH_SIZE) throw new TlogError(`tile ${path8}: ${data.length} bytes, expected ${width * HASH_SIZE}`);
        return data;
      });
      tiles.set(path8, pending);
    }
    return pending;
  }, "loadTile");
  const completeSubtree = /* @__PURE__ */ __name(async (height, start) => {
    const tileLevel = Math.floor(height / TILE_HEIGHT);
    const within = height - tileLevel * TILE_HEIGHT;
    const unit = 2 ** (TILE_HEIGHT * tileLevel);
    const first = start / unit;
    const count = 2 ** within;
    const tileIndex = Math.floor(first / 256);
    const data = await loadTile(tileLevel, tileIndex);
    const offset = first - tileIndex * 256;
    if ((offset + count) * HASH_SIZE > data.length) throw new TlogError(`tile ${tilePath(tileLevel, tileIndex, data.length / HASH_SIZE)} is too short`);
    const hashes = [];
    for (let i = 0; i < count; i++) hashes.push(Buffer.from(data.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE)));
    return merkleTreeHash(hashes);
  }, "completeSubtree");
  const rangeHash = /* @__PURE__ */ __name(async (lo, hi) => {
    const size = hi - lo;
    const containsLeaf = id >= lo && id < hi;
    if (!containsLeaf && Number.isInteger(Math.log2(size))) return completeSubtree(Math.log2(size), lo);
    if (size === 1) return Buffer.from(leafHash);
    const k = splitPoint(size);
    const [left, right] = await Promise.all([rangeHash(lo, lo + k), rangeHash(lo + k, hi)]);
    return nodeHash(left, right);
  }, "rangeHash");
  const computed = await rangeHash(0, tree.size);
  if (!computed.equals(tree.hash)) throw new TlogError("cannot authenticate record data in server response");
}
__name(verifyInclusion, "verifyInclusion");

// src/toolchain/sumdb.ts
var SumdbError = class extends Error {
  static {
    __name(this, "SumdbError");
  }
  name = "SumdbError";
};
function join(base, rel) {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, "") + "/" + rel;
  return url.href;
}
__name(join, "join");
async function lookupVerified(http, baseUrl, verifierKey, modulePath, version) {
  let verifier;
  try {
    verifier = parseVerifier(verifierKey);
  } catch (error) {
    throw new SumdbError(`invalid GOSUMDB: ${error.message}`);
  }
  const lookupUrl = join(baseUrl, `lookup/${escapeModulePath(modulePath)}@${escapeModuleVersion(version)}`);
  const answer = await http.get(lookupUrl, { maxBytes: 1 << 20 });
  if (answer.kind !== "ok") throw new SumdbError(answer.kind === "status" ? answer.message : answer.message);
  const record = parseRecord(answer.body);
  if (record === null) throw new SumdbError(`${redactUrl(lookupUrl)}: malformed record data`);
  let treeText;
  try {
    treeText = openNote(record.rest, verifier);
  } catch (error) {
    if (error instanceof NoteError) throw new SumdbError(`${redactUrl(lookupUrl)}: verifying tree note: ${error.message}`);
    throw error;
  }
  const tree = parseTree(treeText);
  if (tree === null) throw new SumdbError(`${redactUrl(lookupUrl)}: malformed tree note`);
  let tilesRead = 0;
  try {
    await verifyInclusion(tree, record.id, recordHash(record.text), async (tilePath2) => {
      tilesRead++;
      const tile = await http.get(join(baseUrl, tilePath2), { maxBytes: 256 * 32 });
      if (tile.kind !== "ok") throw new SumdbError(tile.message);
      return tile.body;
    });
  } catch (error) {
    if (error instanceof TlogError) throw new SumdbError(`${modulePath}@${version}: ${error.message}`);
    throw error;
  }
  const prefix = `${modulePath} ${version} `;
  const lines = record.text.toString("utf8").split("\n").filter((line) => line.startsWith(prefix));
  return { lines, treeSize: tree.size, recordId: record.id, tilesRead };
}
__name(lookupVerified, "lookupVerified");
async function resolveSumdbRoute(http, config, goproxy, gonoproxy) {
  const list = parseProxyList(goproxy, gonoproxy);
  if (!list.ok) return { via: "fails", baseUrl: null, proxiesAsked: [], reason: `GOPROXY is invalid: ${list.error}` };
  if (config.kind === "off") return planSumdbRoute(config, list, () => "not-found");
  const known = /* @__PURE__ */ new Map();
  for (let round = 0; round <= list.entries.length + 1; round++) {
    let missing = null;
    const route = planSumdbRoute(config, list, (proxyUrl2) => {
      const outcome = known.get(proxyUrl2);
      if (outcome !== void 0) return outcome;
      missing ??= proxyUrl2;
      return "error";
    });
    if (missing === null) return route;
    const proxyUrl = missing;
    const answer = await http.get(join(proxyUrl, `sumdb/${config.name}/supported`), { maxBytes: 4096, statusOnly: true });
    known.set(proxyUrl, answer.kind === "ok" ? "ok" : answer.notFound ? "not-found" : "error");
  }
  throw new Error("internal error: sumdb route did not settle");
}
__name(resolveSumdbRoute, "resolveSumdbRoute");

// src/toolchain/version.ts
function cutInt(x) {
  let i = 0;
  while (i < x.length && x[i] >= "0" && x[i] <= "9") i++;
  if (i === 0 || x[0] === "0" && i !== 1) return null;
  return { n: x.slice(0, i), rest: x.slice(i) };
}
__name(cutInt, "cutInt");
function parseGoVersion(x) {
  const v = { major: "", minor: "", patch: "", kind: "", pre: "" };
  const major = cutInt(x);
  if (major === null) return null;
  v.major = major.n;
  let rest = major.rest;
  if (rest === "") {
    v.minor = "0";
    v.patch = "0";
    return v;
  }
  if (rest[0] !== ".") return null;
  const minor = cutInt(rest.slice(1));
  if (minor === null) return null;
  v.minor = minor.n;
  rest = minor.rest;
  if (rest === "") {
    if (compareInt(v.minor, "21") < 0) v.patch = "0";
    return v;
  }
  if (rest[0] === ".") {
    const patch = cutInt(rest.slice(1));
    if (patch === null || patch.rest !== "") return null;
    v.patch = patch.n;
    return v;
  }
  let i = 0;
  while (i < rest.length && (rest[i] < "0" || rest[i] > "9")) {
    if (rest[i] < "a" || rest[i] > "z") return null;
    i++;
  }
  if (i === 0) return null;
  v.kind = rest.slice(0, i);
  rest = rest.slice(i);
  if (rest === "") return v;
  const pre = cutInt(rest);
  if (pre === null || pre.rest !== "") return null;
  v.pre = pre.n;
  return v;
}
__name(parseGoVersion, "parseGoVersion");
function compareInt(x, y) {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}
__name(compareInt, "compareInt");
function compareGoVersions(x, y) {
  const zero = { major: "", minor: "", patch: "", kind: "", pre: "" };
  const a = parseGoVersion(x) ?? zero;
  const b = parseGoVersion(y) ?? zero;
  return compareInt(a.major, b.major) || compareInt(a.minor, b.minor) || compareInt(a.patch, b.patch) || // cmp.Compare on the kind strings: "" < "alpha" < "beta" < "rc".
  (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1) || compareInt(a.pre, b.pre);
}
__name(compareGoVersions, "compareGoVersions");
function isValidGoVersion(x) {
  return parseGoVersion(x) !== null;
}
__name(isValidGoVersion, "isValidGoVersion");
function isLangVersion(x) {
  const v = parseGoVersion(x);
  return v !== null && v.patch === "" && v.kind === "" && v.pre === "";
}
__name(isLangVersion, "isLangVersion");
function versionFromToolchain(name) {
  if (/[\\/]/.test(name) || !name.startsWith("go")) return "";
  let v = name.slice(2);
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return isValidGoVersion(v) ? v : "";
}
__name(versionFromToolchain, "versionFromToolchain");
function toolchainForGoLine(goVersion) {
  let name = "go" + goVersion;
  if (isLangVersion(goVersion) && compareGoVersions(goVersion, "1.21") >= 0) name += ".0";
  return name;
}
__name(toolchainForGoLine, "toolchainForGoLine");
var TOOLCHAIN_MODULE = "golang.org/toolchain";
function toolchainModuleVersion(toolchain, goos, goarch) {
  return `v0.0.1-${toolchain}.${goos}-${goarch}`;
}
__name(toolchainModuleVersion, "toolchainModuleVersion");
function parseGotoolchain(raw) {
  const value = raw === void 0 || raw === "" ? "auto" : raw;
  if (value === "auto") return { ok: true, value: { value, min: "local", mode: "auto" } };
  if (value === "path") return { ok: true, value: { value, min: "local", mode: "path" } };
  const plusAt = value.indexOf("+");
  const min = plusAt < 0 ? value : value.slice(0, plusAt);
  const suffix = plusAt < 0 ? "" : value.slice(plusAt + 1);
  if (min !== "local" && versionFromToolchain(min) === "") {
    if (plusAt >= 0) return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}: invalid minimum toolchain ${goQuote(min)}` };
    return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}` };
  }
  if (plusAt >= 0 && suffix !== "auto" && suffix !== "path") {
    return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}: only version suffixes are +auto and +path` };
  }
  return { ok: true, value: { value, min, mode: suffix } };
}
__name(parseGotoolchain, "parseGotoolchain");
function goQuote(s) {
  return JSON.stringify(s).replace(/\u007f/g, "\\x7f");
}
__name(goQuote, "goQuote");
function selectToolchain(gotoolchain, localVersion, lines, file) {
  const localToolchain = "go" + localVersion;
  let chosen = gotoolchain.min === "local" ? localToolchain : gotoolchain.min;
  let minVersion = gotoolchain.min === "local" ? localVersion : versionFromToolchain(gotoolchain.min);
  let reason = "gotoolchain";
  if (gotoolchain.mode === "auto" || gotoolchain.mode === "path") {
    const toolchain = lines.toolchain ?? "";
    if (toolchain !== "default") {
      if (toolchain !== "") {
        const toolVersion = versionFromToolchain(toolchain);
        if (toolVersion === "" || !toolchain.startsWith("go") && !toolchain.includes("-go")) {
          return { kind: "error", message: `invalid toolchain ${goQuote(toolchain)} in ${file}`, reason: "toolchain-line" };
        }
        if (compareGoVersions(toolVersion, minVersion) > 0) {
          chosen = toolchain;
          minVersion = toolVersion;
          reason = "toolchain-line";
        }
      }
      const goVersion = lines.go ?? "";
      if (compareGoVersions(goVersion, minVersion) > 0) {
        chosen = toolchainForGoLine(goVersion);
        reason = "go-line";
      }
    }
  }
  if (chosen === "local" || chosen === localToolchain) return { kind: "local" };
  if (!chosen.startsWith("go1") && !chosen.includes("-go1")) return { kind: "error", message: `invalid GOTOOLCHAIN ${goQuote(chosen)}`, reason: "gotoolchain" };
  return { kind: "switch", toolchain: chosen, reason, pathOnly: gotoolchain.mode === "path" || gotoolchain.value === "path" };
}
__name(selectToolchain, "selectToolchain");
function tooNewMessage(file, goVersion, localVersion, gotoolchainValue, autoToolchain = null) {
  let explain = gotoolchainValue !== "" && gotoolchainValue !== "auto" ? `; GOTOOLCHAIN=${gotoolchainValue}` : "";
  if (autoToolchain !== null) explain += `; ${file} sets toolchain ${autoToolchain}`;
  return `${file} requires go >= ${goVersion} (running go ${localVersion}${explain})`;
}
__name(tooNewMessage, "tooNewMessage");
function toolCacheVersion(goVersion) {
  const v = parseGoVersion(goVersion);
  if (v === null) return null;
  if (v.kind !== "") return `${v.major}.${v.minor}.0-${v.kind}.${v.pre === "" ? "0" : v.pre}`;
  if (v.patch === "") return null;
  return `${v.major}.${v.minor}.${v.patch}`;
}
__name(toolCacheVersion, "toolCacheVersion");
function toolCacheArch(goarch) {
  const map = { amd64: "x64", "386": "x32", arm64: "arm64", arm: "arm", ppc64le: "ppc64", s390x: "s390x", riscv64: "riscv64", loong64: "loong64" };
  return map[goarch] ?? goarch;
}
__name(toolCacheArch, "toolCacheArch");
function parseGoVersionOutput(output) {
  const m = /\bgo version (go\S+)/.exec(output);
  if (m === null) return null;
  const v = versionFromToolchain(m[1]);
  return v === "" ? null : v;
}
__name(parseGoVersionOutput, "parseGoVersionOutput");

// src/toolchain/checks.ts
async function findInPath(name, env, platform) {
  const names = platform === "win32" ? [`${name}.exe`] : [name];
  for (const dir of pathDirectories(env, platform)) {
    for (const n of names) {
      try {
        await access(path2.join(dir, n), platform === "win32" ? constants2.F_OK : constants2.X_OK);
        return path2.join(dir, n);
      } catch {
      }
    }
  }
  return null;
}
__name(findInPath, "findInPath");
async function checkSwitch(toolchain, input) {
  const moduleVersion = toolchainModuleVersion(toolchain, input.goos, input.goarch);
  const modId = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  const fetched = await walkProxies(input.http, input.goproxy, input.gonoproxy, TOOLCHAIN_MODULE, versionFile(moduleVersion, "zip"), { maxBytes: Number.MAX_SAFE_INTEGER, statusOnly: true });
  if (fetched.servedBy === null) {
    if (fetched.errorIsNotFound) {
      const toolVersion = versionFromToolchain(toolchain);
      if (isLangVersion(toolVersion) && compareGoVersions(toolVersion, "1.21") >= 0) {
        return { ok: false, kind: "not-available", goError: `invalid toolchain: ${toolchain} is a language version but not a toolchain version (${toolchain}.x)` };
      }
      return { ok: false, kind: "not-available", goError: `download ${toolchain} for ${input.goos}/${input.goarch}: toolchain not available` };
    }
    return { ok: false, kind: "download", goError: `download ${toolchain}: ${modId}: ${fetched.error ?? "no answer"}` };
  }
  if (input.goproxy.startsWith("file://") && !/[,|]/.test(input.goproxy)) {
    return { ok: true, detail: `served by ${fetched.servedBy}; a single file:// GOPROXY needs no checksum database` };
  }
  const sumdb = parseGosumdb(input.gosumdb);
  if (!sumdb.ok) return { ok: false, kind: "sumdb", goError: `download ${toolchain}: ${modId}: verifying module: ${sumdb.error}` };
  if (sumdb.config.kind === "off") {
    return { ok: false, kind: "sumdb-off", goError: `download ${toolchain}: ${modId}: verifying module: checksum database disabled by GOSUMDB=off` };
  }
  const route = await resolveSumdbRoute(input.http, sumdb.config, input.goproxy, input.gonoproxy);
  if (route.baseUrl === null) return { ok: false, kind: "sumdb", goError: `download ${toolchain}: ${modId}: verifying module: ${route.reason}` };
  try {
    const lookup = await lookupVerified(input.http, route.baseUrl, sumdb.config.verifierKey, TOOLCHAIN_MODULE, moduleVersion);
    const has = lookup.lines.some((line) => line.startsWith(`${TOOLCHAIN_MODULE} ${moduleVersion} h1:`));
    return { ok: true, detail: `served by ${fetched.servedBy}; ${sumdb.config.name} ${has ? "has its verified hash" : "answers (no hash line for it)"}` };
  } catch (error) {
    if (!(error instanceof SumdbError)) throw error;
    return { ok: false, kind: "sumdb", goError: `download ${toolchain}: ${modId}: verifying module: ${error.message}` };
  }
}
__name(checkSwitch, "checkSwitch");
async function detectToolchainNeeds(input) {
  const problems = [];
  const rows = [];
  const switches = /* @__PURE__ */ new Map();
  const local = `go${input.localVersion}`;
  const pinned = input.gotoolchain.min === "local" ? null : input.gotoolchain.min;
  const gotoolchainValue = excerpt(input.gotoolchain.value);
  const switchCheck = /* @__PURE__ */ __name((toolchain, pathOnly) => {
    const key = `${toolchain} ${pathOnly}`;
    let pending = switches.get(key);
    if (pending === void 0) {
      pending = (async () => {
        const found = await findInPath(toolchain, input.env, input.platform ?? process.platform);
        if (found !== null) return { toolchain, outcome: "in-path", detail: `go runs ${found}` };
        if (pathOnly) return { toolchain, outcome: "failed", detail: `cannot find ${JSON.stringify(toolchain)} in PATH` };
        const checked = await checkSwitch(toolchain, input);
        return checked.ok ? { toolchain, outcome: "available", detail: checked.detail } : { toolchain, outcome: "failed", detail: checked.goError };
      })();
      switches.set(key, pending);
    }
    return pending;
  }, "switchCheck");
  for (const file of input.files) {
    const shownFile = excerpt(file.file);
    const lines = { go: file.go?.version ?? null, toolchain: file.toolchain?.name ?? null };
    const wants = [file.go === null ? null : `go ${file.go.version}`, file.toolchain === null ? null : `toolchain ${file.toolchain.name}`].filter((x) => x !== null).join(", ") || "(no go line)";
    const selection = selectToolchain(input.gotoolchain, input.localVersion, lines, shownFile);
    const at = /* @__PURE__ */ __name((which2) => {
      const line = which2 === "go" ? file.go?.line : file.toolchain?.line;
      return line === void 0 ? { file: file.file } : { file: file.file, line };
    }, "at");
    if (selection.kind === "error") {
      problems.push({ severity: "error", code: selection.reason === "toolchain-line" ? "TOOLCHAIN_LINE_INVALID" : "GOTOOLCHAIN_INVALID", variable: "GOTOOLCHAIN", message: `Every go command in this module stops: go: ${selection.message}.`, fix: "Write the toolchain line as go1.N.M (e.g. toolchain go1.22.5), or remove it.", ...selection.reason === "toolchain-line" ? at("toolchain") : {} });
      rows.push({ file: file.file, wants, runs: `fails: ${selection.message}` });
      continue;
    }
    if (input.gotoolchain.mode === "") {
      const runs = selection.kind === "switch" ? selection.toolchain : local;
      const runsVersion = versionFromToolchain(runs);
      if (file.go !== null && compareGoVersions(file.go.version, runsVersion) > 0) {
        const goText = tooNewMessage(path2.posix.basename(file.file), file.go.version, runsVersion, gotoolchainValue);
        problems.push({
          severity: "error",
          code: "TOOLCHAIN_GO_TOO_NEW",
          variable: "GOTOOLCHAIN",
          message: `${shownFile} needs Go ${file.go.version} or newer, but the go command runs ${runs} and GOTOOLCHAIN=${gotoolchainValue} forbids switching: every go command in this module fails with "go: ${goText}".`,
          fix: `Install a newer Go (go-version: ${file.go.version}${isLangVersion(file.go.version) ? ".0" : ""}, or go-version-file: ${shownFile}), or let the go command switch (GOTOOLCHAIN=auto), or lower the go line.`,
          ...at("go")
        });
        rows.push({ file: file.file, wants, runs: `fails: needs go >= ${file.go.version}, runs ${runs}` });
      } else if (file.toolchain !== null && file.toolchain.name !== "default" && compareGoVersions(versionFromToolchain(file.toolchain.name), runsVersion) > 0) {
        problems.push({
          severity: "warning",
          code: "TOOLCHAIN_LINE_IGNORED",
          variable: "GOTOOLCHAIN",
          message: `${shownFile} asks for toolchain ${file.toolchain.name}, but GOTOOLCHAIN=${gotoolchainValue} makes the go command ignore that line: builds use ${runs}.`,
          fix: `Install ${file.toolchain.name} (go-version-file: ${shownFile}), or set GOTOOLCHAIN=auto to let go switch, or remove the toolchain line.`,
          ...at("toolchain")
        });
        rows.push({ file: file.file, wants, runs: `${runs} (toolchain line ignored)` });
      } else {
        rows.push({ file: file.file, wants, runs: runs === local ? `${runs} (on PATH)` : runs });
      }
      if (selection.kind === "switch") {
        const check2 = await switchCheck(selection.toolchain, false);
        if (check2.outcome === "failed") {
          problems.push({ severity: "error", code: "TOOLCHAIN_NOT_AVAILABLE", variable: "GOTOOLCHAIN", message: `GOTOOLCHAIN=${gotoolchainValue} makes every go command switch to ${selection.toolchain}, and that fails: go: ${check2.detail}.`, fix: "Serve golang.org/toolchain through GOPROXY with a working checksum database, or install that Go (go-version) and set GOTOOLCHAIN=local." });
        }
      }
      continue;
    }
    if (selection.kind === "local") {
      if (file.go !== null && compareGoVersions(file.go.version, input.localVersion) > 0) {
        const goText = tooNewMessage(path2.posix.basename(file.file), file.go.version, input.localVersion, gotoolchainValue, file.toolchain?.name ?? null);
        problems.push({
          severity: "error",
          code: "TOOLCHAIN_GO_TOO_NEW",
          variable: "GOTOOLCHAIN",
          message: `${shownFile} needs Go ${file.go.version} or newer, but the go command runs ${local} and "toolchain default" forbids switching: every go command in this module fails with "go: ${goText}".`,
          fix: `Install a newer Go (go-version: ${file.go.version}${isLangVersion(file.go.version) ? ".0" : ""}), or remove "toolchain default", or lower the go line.`,
          ...at("go")
        });
        rows.push({ file: file.file, wants, runs: `fails: needs go >= ${file.go.version}, runs ${local}` });
        continue;
      }
      rows.push({ file: file.file, wants, runs: `${local} (on PATH${pinned === null ? "" : ", pinned"})` });
      continue;
    }
    const check = await switchCheck(selection.toolchain, selection.pathOnly);
    const where = selection.reason === "go-line" ? at("go") : selection.reason === "toolchain-line" ? at("toolchain") : {};
    const why = selection.reason === "go-line" ? `${shownFile} needs Go ${file.go?.version ?? "?"}` : selection.reason === "toolchain-line" ? `${shownFile} asks for toolchain ${selection.toolchain}` : `GOTOOLCHAIN=${gotoolchainValue} asks for ${selection.toolchain}`;
    if (check.outcome === "failed") {
      rows.push({ file: file.file, wants, runs: `fails: ${check.detail}` });
      const sumdbOff = check.detail.endsWith("checksum database disabled by GOSUMDB=off");
      problems.push({
        severity: "error",
        code: selection.pathOnly ? "TOOLCHAIN_NOT_IN_PATH" : sumdbOff ? "TOOLCHAIN_SUMDB_OFF" : check.detail.includes("toolchain not available") ? "TOOLCHAIN_NOT_AVAILABLE" : "TOOLCHAIN_DOWNLOAD_FAILS",
        variable: selection.pathOnly ? "GOTOOLCHAIN" : sumdbOff ? "GOSUMDB" : "GOPROXY",
        message: `${why} and the go on PATH is ${local}, so every go command switches to ${selection.toolchain} (GOTOOLCHAIN=${gotoolchainValue}) \u2014 and that fails: go: ${check.detail}.`,
        fix: selection.pathOnly ? `Put a ${selection.toolchain} binary on PATH, or install it with go-version and set GOTOOLCHAIN=local.` : sumdbOff ? "Toolchain downloads always need the checksum database: unset GOSUMDB=off (or set GONOSUMDB for private modules instead), or install this Go with go-version." : `Make GOPROXY serve golang.org/toolchain (proxy.golang.org does; many private proxies do not) and the checksum database reachable, or install ${selection.toolchain} with go-version (go-version-file: ${shownFile}).`,
        ...where
      });
    } else {
      rows.push({ file: file.file, wants, runs: `${selection.toolchain} (switch: ${check.detail})` });
      problems.push({ severity: "notice", code: "TOOLCHAIN_SWITCH", variable: "GOTOOLCHAIN", message: `${why}; the go on PATH is ${local}, so every go command first switches to ${selection.toolchain}: ${check.detail}.`, fix: `Install ${selection.toolchain} up front (go-version-file: ${shownFile}) to skip the download in every job.`, ...where });
    }
  }
  return { problems, rows, switches: await Promise.all(switches.values()) };
}
__name(detectToolchainNeeds, "detectToolchainNeeds");

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as fs from "fs";

// node_modules/@actions/tool-cache/lib/manifest.js
var semver = __toESM(require_semver(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as os from "os";
import * as path3 from "path";
var semver2 = __toESM(require_semver(), 1);
import { ok } from "assert";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  __name(adopt, "adopt");
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    __name(fulfilled, "fulfilled");
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    __name(rejected, "rejected");
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    __name(step, "step");
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var IS_WINDOWS = process.platform === "win32";
var IS_MAC = process.platform === "darwin";
function cacheDir(sourceDir, tool, version, arch2) {
  return __awaiter(this, void 0, void 0, function* () {
    version = semver2.clean(version) || version;
    arch2 = arch2 || os.arch();
    debug(`Caching tool ${tool} ${version} ${arch2}`);
    debug(`source dir: ${sourceDir}`);
    if (!fs.statSync(sourceDir).isDirectory()) {
      throw new Error("sourceDir is not a directory");
    }
    const destPath = yield _createToolPath(tool, version, arch2);
    for (const itemName of fs.readdirSync(sourceDir)) {
      const s = path3.join(sourceDir, itemName);
      yield cp(s, destPath, { recursive: true });
    }
    _completeToolPath(tool, version, arch2);
    return destPath;
  });
}
__name(cacheDir, "cacheDir");
function find(toolName, versionSpec, arch2) {
  if (!toolName) {
    throw new Error("toolName parameter is required");
  }
  if (!versionSpec) {
    throw new Error("versionSpec parameter is required");
  }
  arch2 = arch2 || os.arch();
  if (!isExplicitVersion(versionSpec)) {
    const localVersions = findAllVersions(toolName, arch2);
    const match = evaluateVersions(localVersions, versionSpec);
    versionSpec = match;
  }
  let toolPath = "";
  if (versionSpec) {
    versionSpec = semver2.clean(versionSpec) || "";
    const cachePath = path3.join(_getCacheDirectory(), toolName, versionSpec, arch2);
    debug(`checking cache: ${cachePath}`);
    if (fs.existsSync(cachePath) && fs.existsSync(`${cachePath}.complete`)) {
      debug(`Found tool in cache ${toolName} ${versionSpec} ${arch2}`);
      toolPath = cachePath;
    } else {
      debug("not found");
    }
  }
  return toolPath;
}
__name(find, "find");
function findAllVersions(toolName, arch2) {
  const versions = [];
  arch2 = arch2 || os.arch();
  const toolPath = path3.join(_getCacheDirectory(), toolName);
  if (fs.existsSync(toolPath)) {
    const children = fs.readdirSync(toolPath);
    for (const child of children) {
      if (isExplicitVersion(child)) {
        const fullPath = path3.join(toolPath, child, arch2 || "");
        if (fs.existsSync(fullPath) && fs.existsSync(`${fullPath}.complete`)) {
          versions.push(child);
        }
      }
    }
  }
  return versions;
}
__name(findAllVersions, "findAllVersions");
function _createToolPath(tool, version, arch2) {
  return __awaiter(this, void 0, void 0, function* () {
    const folderPath = path3.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "");
    debug(`destination ${folderPath}`);
    const markerPath = `${folderPath}.complete`;
    yield rmRF(folderPath);
    yield rmRF(markerPath);
    yield mkdirP(folderPath);
    return folderPath;
  });
}
__name(_createToolPath, "_createToolPath");
function _completeToolPath(tool, version, arch2) {
  const folderPath = path3.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "");
  const markerPath = `${folderPath}.complete`;
  fs.writeFileSync(markerPath, "");
  debug("finished caching tool");
}
__name(_completeToolPath, "_completeToolPath");
function isExplicitVersion(versionSpec) {
  const c = semver2.clean(versionSpec) || "";
  debug(`isExplicit: ${c}`);
  const valid2 = semver2.valid(c) != null;
  debug(`explicit? ${valid2}`);
  return valid2;
}
__name(isExplicitVersion, "isExplicitVersion");
function evaluateVersions(versions, versionSpec) {
  let version = "";
  debug(`evaluating ${versions.length} versions`);
  versions = versions.sort((a, b) => {
    if (semver2.gt(a, b)) {
      return 1;
    }
    return -1;
  });
  for (let i = versions.length - 1; i >= 0; i--) {
    const potential = versions[i];
    const satisfied = semver2.satisfies(potential, versionSpec);
    if (satisfied) {
      version = potential;
      break;
    }
  }
  if (version) {
    debug(`matched: ${version}`);
  } else {
    debug("match not found");
  }
  return version;
}
__name(evaluateVersions, "evaluateVersions");
function _getCacheDirectory() {
  const cacheDirectory = process.env["RUNNER_TOOL_CACHE"] || "";
  ok(cacheDirectory, "Expected RUNNER_TOOL_CACHE to be defined");
  return cacheDirectory;
}
__name(_getCacheDirectory, "_getCacheDirectory");

// src/toolchain/install.ts
import { access as access2, constants as constants3, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path5 from "node:path";

// src/toolchain/spec.ts
var import_semver = __toESM(require_semver(), 1);
var SPEC_MAX_LENGTH = 256;
var SPEC_HELP = "Give a Go release (1.22.5, 1.25.0-rc.2, go1.22.5), a release line (1.22 or 1.22.x: its newest patch), a semver range (^1.22, ~1.22.1, >=1.21 <1.23), or stable / oldstable.";
function goVersionToSemver(goVersion) {
  const v = parseGoVersion(goVersion);
  if (v === null) return null;
  if (v.kind !== "") return `${v.major}.${v.minor}.${v.patch === "" ? "0" : v.patch}-${v.kind}.${v.pre === "" ? "0" : v.pre}`;
  if (v.patch === "") return null;
  return `${v.major}.${v.minor}.${v.patch}`;
}
__name(goVersionToSemver, "goVersionToSemver");
function semverToGoVersion(version) {
  const parsed = import_semver.default.parse(version);
  if (parsed === null) return null;
  const { major, minor, patch, prerelease } = parsed;
  if (prerelease.length === 0) {
    const go2 = major === 1 && minor < 21 && patch === 0 ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
    return parseGoVersion(go2) === null ? null : go2;
  }
  const [kind, number] = prerelease;
  if (patch !== 0 || prerelease.length !== 2 || typeof kind !== "string" || typeof number !== "number" || !/^[a-z]+$/.test(kind)) return null;
  const go = `${major}.${minor}${kind}${number}`;
  return parseGoVersion(go) === null ? null : go;
}
__name(semverToGoVersion, "semverToGoVersion");
function parseGoVersionSpec(raw, input = "go-version", shown = excerpt(raw.trim())) {
  const text = raw.trim();
  if (text.length > SPEC_MAX_LENGTH) throw new InputError(input, shown, `it is longer than ${SPEC_MAX_LENGTH} characters`, SPEC_HELP);
  if (text === "stable" || text === "oldstable") return { kind: "alias", alias: text, text };
  const fromSemver = semverSpec(text, text);
  if (fromSemver !== null) return checkExact(fromSemver, input, shown);
  const bare = text.startsWith("go") ? text.slice(2) : text;
  if (bare !== text) {
    const again = semverSpec(bare, text);
    if (again !== null) return checkExact(again, input, shown);
  }
  const go = parseGoVersion(bare);
  if (go !== null && go.kind !== "") {
    const asSemver = goVersionToSemver(bare);
    if (asSemver !== null) return { kind: "exact", version: bare, semver: asSemver, text };
  }
  throw new InputError(input, shown, "it is not a Go version, a version range or an alias this action understands", SPEC_HELP);
}
__name(parseGoVersionSpec, "parseGoVersionSpec");
function semverSpec(candidate, text) {
  if (candidate === "" || import_semver.default.validRange(candidate) === null) return null;
  const explicit = import_semver.default.valid(import_semver.default.clean(candidate));
  if (explicit !== null) return { kind: "exact", version: semverToGoVersion(explicit) ?? "", semver: explicit, text };
  return { kind: "range", range: import_semver.default.validRange(candidate) ?? candidate, text };
}
__name(semverSpec, "semverSpec");
function checkExact(spec, input, shown) {
  if (spec.kind === "exact" && spec.version === "") {
    throw new InputError(input, shown, `Go has no release ${spec.semver} (its pre-releases are N.M.0-beta.K and N.M.0-rc.K)`, SPEC_HELP);
  }
  return spec;
}
__name(checkExact, "checkExact");
function parseToolchainList(body, goos, goarch) {
  const prefix = "v0.0.1-go";
  const suffix = `.${goos}-${goarch}`;
  const seen = /* @__PURE__ */ new Set();
  const releases = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    let wordEnd = start;
    while (wordEnd < end && body.charCodeAt(wordEnd) > 32) wordEnd++;
    let wordStart = start;
    while (wordStart < wordEnd && body.charCodeAt(wordStart) <= 32) wordStart++;
    const word = body.slice(wordStart, wordEnd);
    start = end + 1;
    if (!word.startsWith(prefix) || !word.endsWith(suffix) || word.length <= prefix.length + suffix.length) continue;
    const go = word.slice(prefix.length, word.length - suffix.length);
    if (seen.has(go)) continue;
    const asSemver = goVersionToSemver(go);
    if (asSemver === null) continue;
    seen.add(go);
    releases.push({ go, semver: asSemver, stable: import_semver.default.prerelease(asSemver) === null });
  }
  return releases;
}
__name(parseToolchainList, "parseToolchainList");
function newest(releases, accept) {
  let best = null;
  for (const release of releases) if (accept(release) && (best === null || compareGoVersions(release.go, best.go) > 0)) best = release;
  return best;
}
__name(newest, "newest");
function resolveAlias(alias, releases) {
  const stable = newest(releases, (release) => release.stable);
  if (stable === null || alias === "stable") return stable;
  const line = /* @__PURE__ */ __name((release) => {
    const parsed = import_semver.default.parse(release.semver);
    return parsed === null ? "" : `${parsed.major}.${parsed.minor}`;
  }, "line");
  const newestLine = line(stable);
  let previousLine = null;
  for (const release of releases) {
    if (!release.stable || line(release) === newestLine || compareGoVersions(release.go, stable.go) > 0) continue;
    if (previousLine === null || compareGoVersions(release.go, previousLine.go) > 0) previousLine = release;
  }
  return previousLine;
}
__name(resolveAlias, "resolveAlias");
function resolveSpec(spec, releases) {
  if (spec.kind === "alias") return resolveAlias(spec.alias, releases);
  if (spec.kind === "exact") return releases.find((release) => release.semver === spec.semver) ?? null;
  const range = new import_semver.default.Range(spec.range);
  return newest(releases, (release) => release.stable && range.test(release.semver)) ?? newest(releases, (release) => range.test(release.semver));
}
__name(resolveSpec, "resolveSpec");
function newestReleases(releases, count) {
  return [...releases].sort((a, b) => compareGoVersions(b.go, a.go)).slice(0, Math.max(0, count)).map((release) => release.go);
}
__name(newestReleases, "newestReleases");

// src/toolchain/zip.ts
import { createHash as createHash2 } from "node:crypto";
import { chmod, copyFile, mkdir, writeFile } from "node:fs/promises";
import path4 from "node:path";
import { inflateRawSync } from "node:zlib";
var ZipError = class extends Error {
  static {
    __name(this, "ZipError");
  }
  name = "ZipError";
};
var MAX_ZIP_BYTES = 500 << 20;
function listZip(zip) {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 101010256) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("not a valid zip file");
  let count = zip.readUInt16LE(eocd + 10);
  let cdOffset = zip.readUInt32LE(eocd + 16);
  if ((count === 65535 || cdOffset === 4294967295) && eocd >= 20 && zip.readUInt32LE(eocd - 20) === 117853008) {
    const z64 = Number(zip.readBigUInt64LE(eocd - 20 + 8));
    if (z64 + 56 > zip.length || zip.readUInt32LE(z64) !== 101075792) throw new ZipError("bad zip64 end of central directory");
    count = Number(zip.readBigUInt64LE(z64 + 32));
    cdOffset = Number(zip.readBigUInt64LE(z64 + 48));
  }
  const entries2 = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 33639248) throw new ZipError("corrupt central directory");
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    let compressedSize = zip.readUInt32LE(p + 20);
    let size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    let localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString("utf8");
    let extra = p + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = zip.readUInt16LE(extra);
      const len = zip.readUInt16LE(extra + 2);
      if (id === 1) {
        let q = extra + 4;
        if (size === 4294967295) size = Number(zip.readBigUInt64LE(q)), q += 8;
        if (compressedSize === 4294967295) compressedSize = Number(zip.readBigUInt64LE(q)), q += 8;
        if (localOffset === 4294967295) localOffset = Number(zip.readBigUInt64LE(q));
      }
      extra += 4 + len;
    }
    entries2.push({ name, method, compressedSize, size, localOffset, crc32: crc });
    p = extraEnd + commentLength;
  }
  return entries2;
}
__name(listZip, "listZip");
function readZipEntry(zip, entry2) {
  const lo = entry2.localOffset;
  if (lo + 30 > zip.length || zip.readUInt32LE(lo) !== 67324752) throw new ZipError(`corrupt local header for ${entry2.name}`);
  const start = lo + 30 + zip.readUInt16LE(lo + 26) + zip.readUInt16LE(lo + 28);
  const stored = zip.subarray(start, start + entry2.compressedSize);
  if (stored.length !== entry2.compressedSize) throw new ZipError(`truncated entry ${entry2.name}`);
  let data;
  if (entry2.method === 0) data = Buffer.from(stored);
  else if (entry2.method === 8) data = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry2.size) });
  else throw new ZipError(`unsupported compression method ${entry2.method} for ${entry2.name}`);
  if (data.length !== entry2.size) throw new ZipError(`size mismatch for ${entry2.name}`);
  return data;
}
__name(readZipEntry, "readZipEntry");
function zipHash1(zip, entries2 = listZip(zip)) {
  const lines = [];
  for (const entry2 of entries2) {
    if (entry2.name.includes("\n")) throw new ZipError(`dirhash: filenames with newlines are not supported`);
    lines.push(`${createHash2("sha256").update(readZipEntry(zip, entry2)).digest("hex")}  ${entry2.name}
`);
  }
  const names = entries2.map((e, i) => ({ name: e.name, line: lines[i] }));
  names.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  return "h1:" + createHash2("sha256").update(names.map((n) => n.line).join("")).digest("base64");
}
__name(zipHash1, "zipHash1");
async function extractZip(zip, prefix, dest, entries2 = listZip(zip)) {
  let written = 0;
  const root = path4.resolve(dest);
  for (const entry2 of entries2) {
    if (!entry2.name.startsWith(prefix)) throw new ZipError(`unexpected file ${entry2.name} outside ${prefix}`);
    const rel = entry2.name.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) continue;
    if (rel.startsWith("/") || rel.includes("\\") || rel.split("/").some((part) => part === ".." || part === "." || part === "")) {
      throw new ZipError(`invalid file name ${entry2.name}`);
    }
    const target = path4.resolve(root, rel);
    if (!target.startsWith(root + path4.sep)) throw new ZipError(`invalid file name ${entry2.name}`);
    await mkdir(path4.dirname(target), { recursive: true });
    await writeFile(target, readZipEntry(zip, entry2), { mode: 420 });
    written++;
  }
  return written;
}
__name(extractZip, "extractZip");
function needsExecuteBit(rel) {
  if (rel.startsWith("bin/") || rel.startsWith("pkg/tool/")) return true;
  if (!rel.startsWith("lib/")) return false;
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  if (!name.startsWith("go_") || !name.endsWith("_exec")) return false;
  const middle = name.slice(3, name.length - 5);
  const join3 = middle.indexOf("_", 1);
  return join3 > 0 && join3 < middle.length - 1;
}
__name(needsExecuteBit, "needsExecuteBit");
async function markToolchainExecutables(goroot, files, platform = process.platform) {
  if (platform === "win32") return;
  for (const rel of files) {
    if (needsExecuteBit(rel)) await chmod(path4.join(goroot, rel), 493);
  }
}
__name(markToolchainExecutables, "markToolchainExecutables");
async function restoreGoModFiles(goroot, files) {
  const written = [];
  for (const rel of files) {
    if (rel !== "_go.mod" && !rel.endsWith("/_go.mod")) continue;
    const target = `${rel.slice(0, rel.length - "_go.mod".length)}go.mod`;
    await copyFile(path4.join(goroot, rel), path4.join(goroot, target));
    written.push(target);
  }
  return written;
}
__name(restoreGoModFiles, "restoreGoModFiles");
function relativeNames(entries2, prefix) {
  return entries2.filter((e) => e.name.startsWith(prefix) && !e.name.endsWith("/")).map((e) => e.name.slice(prefix.length));
}
__name(relativeNames, "relativeNames");

// src/toolchain/install.ts
var TOOLCHAIN_LIST_MAX_BYTES = 4 << 20;
function toolchainLister(http, goproxy, gonoproxy, goos, goarch) {
  let pending = null;
  return () => {
    pending ??= (async () => {
      const listed = await walkProxies(http, goproxy, gonoproxy, TOOLCHAIN_MODULE, "list", { maxBytes: TOOLCHAIN_LIST_MAX_BYTES });
      if (listed.body === null) return { releases: null, servedBy: null, error: listed.error ?? "no answer" };
      return { releases: parseToolchainList(listed.body.toString("utf8"), goos, goarch), servedBy: listed.servedBy, error: null };
    })();
    return pending;
  };
}
__name(toolchainLister, "toolchainLister");
function exeName(platform) {
  return platform === "win32" ? "go.exe" : "go";
}
__name(exeName, "exeName");
function toolCacheAvailable() {
  return (process.env["RUNNER_TOOL_CACHE"] ?? "") !== "";
}
__name(toolCacheAvailable, "toolCacheAvailable");
function goVersionFromToolCache(folder) {
  return semverToGoVersion(folder) ?? folder;
}
__name(goVersionFromToolCache, "goVersionFromToolCache");
async function isExecutable(file, platform) {
  try {
    await access2(file, platform === "win32" ? constants3.F_OK : constants3.X_OK);
    return true;
  } catch {
    return false;
  }
}
__name(isExecutable, "isExecutable");
function newestText(list, count = 6) {
  const releases = list.releases ?? [];
  return releases.length === 0 ? "none" : newestReleases(releases, count).join(", ") + (releases.length > count ? ", ..." : "");
}
__name(newestText, "newestText");
async function resolveRequest(request2, context, options) {
  const { spec } = request2;
  const steps = [];
  const problems = [];
  if (spec.kind === "exact") return { version: spec.version, from: "exact", steps, problems };
  const arch2 = toolCacheArch(context.goarch);
  const fromToolCache = /* @__PURE__ */ __name(() => {
    if (spec.kind !== "range" || !toolCacheAvailable()) return null;
    const found = find("go", spec.range, arch2);
    return found === "" ? null : goVersionFromToolCache(path5.basename(path5.dirname(found)));
  }, "fromToolCache");
  if (spec.kind === "range" && !options.checkLatest) {
    const cached = fromToolCache();
    if (cached !== null) {
      steps.push(`${spec.text}: newest match in the tool cache is ${cached}`);
      return { version: cached, from: "tool-cache", steps, problems };
    }
  }
  const list = await context.toolchainList();
  const platform = `${context.goos}/${context.goarch}`;
  const unresolved = /* @__PURE__ */ __name((why, fix) => ({
    error: { severity: "error", code: "TOOLCHAIN_VERSION_UNRESOLVED", variable: "go-version", setIn: "input", message: `Cannot resolve go-version ${spec.text} (${request2.source}) to a Go release: ${why}.`, fix },
    steps
  }), "unresolved");
  if (list.releases === null) {
    const cached = options.checkLatest ? fromToolCache() : null;
    if (cached !== null) {
      steps.push(`${spec.text}: GOPROXY could not list golang.org/toolchain, so the newest match in the tool cache (${cached}) is used`);
      problems.push({ severity: "warning", code: "TOOLCHAIN_LATEST_UNCHECKED", variable: "go-version", setIn: "input", message: `check-latest: GOPROXY could not list golang.org/toolchain (${list.error ?? "no answer"}), so go-version ${spec.text} was resolved from the tool cache to ${cached}, which may not be the newest release.`, fix: "Make a GOPROXY entry serve golang.org/toolchain/@v/list (proxy.golang.org does), or pin an exact release." });
      return { version: cached, from: "tool-cache", steps, problems };
    }
    return unresolved(`GOPROXY could not list golang.org/toolchain: ${list.error ?? "no answer"}`, "Give an exact release such as 1.22.5 (it is fetched without the list), or make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org does).");
  }
  const release = resolveSpec(spec, list.releases);
  if (release === null && options.checkLatest) {
    const cached = fromToolCache();
    if (cached !== null) {
      steps.push(`${spec.text}: no release in golang.org/toolchain/@v/list from ${list.servedBy ?? "GOPROXY"} satisfies it; the tool cache has ${cached}`);
      return { version: cached, from: "tool-cache", steps, problems };
    }
  }
  if (release === null) {
    const what = spec.kind === "alias" ? `it lists no ${spec.alias === "stable" ? "release" : "earlier release line"}` : `no release satisfies ${spec.range}`;
    const yaml = /^[0-9]+\.[0-9]$/.test(spec.text) ? ` If you wrote ${spec.text}0 without quotes, YAML read it as the number ${spec.text}: quote it (go-version: '${spec.text}0').` : "";
    return unresolved(`GOPROXY's golang.org/toolchain list (served by ${list.servedBy ?? "GOPROXY"}) has ${list.releases.length} release(s) for ${platform}, and ${what}; its newest: ${newestText(list)}`, `Ask for a release the list has (e.g. go-version: ${newestReleases(list.releases.filter((r) => r.stable), 1)[0] ?? "stable"}), or use a GOPROXY that serves newer toolchains.${yaml}`);
  }
  const how = spec.kind === "alias" ? `${spec.alias} is ${release.go}` : `newest match is ${release.go}`;
  steps.push(`${spec.text}: ${how} in golang.org/toolchain/@v/list from ${list.servedBy ?? "GOPROXY"} (${list.releases.length} releases for ${platform})`);
  return { version: release.go, from: "proxy-list", steps, problems };
}
__name(resolveRequest, "resolveRequest");
async function installGo(version, context) {
  const steps = [];
  const problems = [];
  const toolchain = `go${version}`;
  const platform = context.platform ?? process.platform;
  const exe = exeName(platform);
  const fail = /* @__PURE__ */ __name((code, message, fix) => {
    problems.push({ severity: "error", code, variable: "go-version", setIn: "input", message, fix });
    return { ok: false, problems, steps };
  }, "fail");
  if (context.localGo !== null && compareGoVersions(context.localGo.version, version) === 0 && parseGoVersion(context.localGo.version) !== null) {
    const binDir = path5.dirname(context.localGo.binary);
    steps.push(`${toolchain} is already the go on PATH (${context.localGo.binary})`);
    return { ok: true, version, goroot: path5.dirname(binDir), binDir, goBinary: context.localGo.binary, source: "local", verification: null, steps, problems };
  }
  const semver4 = toolCacheVersion(version);
  const arch2 = toolCacheArch(context.goarch);
  if (semver4 === null) {
    return fail("TOOLCHAIN_VERSION_INVALID", `go-version ${version} is a language version, not a Go release.`, `Name a release such as ${version}.0.`);
  }
  if (toolCacheAvailable()) {
    const cached = find("go", semver4, arch2);
    if (cached !== "" && await isExecutable(path5.join(cached, "bin", exe), platform)) {
      steps.push(`found ${toolchain} in the runner's tool cache: ${cached}`);
      return { ok: true, version, goroot: cached, binDir: path5.join(cached, "bin"), goBinary: path5.join(cached, "bin", exe), source: "tool-cache", verification: null, steps, problems };
    }
  }
  const moduleVersion = toolchainModuleVersion(toolchain, context.goos, context.goarch);
  const modId = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  const fetched = await walkProxies(context.http, context.goproxy, context.gonoproxy, TOOLCHAIN_MODULE, versionFile(moduleVersion, "zip"), { maxBytes: MAX_ZIP_BYTES });
  for (const attempt of fetched.attempts) steps.push(`GET ${modId}.zip from ${attempt.element}: ${attempt.outcome === "ok" ? "served" : attempt.message.split("\n")[0]}`);
  if (fetched.body === null) {
    if (fetched.errorIsNotFound) {
      const list = await context.toolchainList();
      const has = list.releases === null ? "" : ` GOPROXY's golang.org/toolchain list has ${list.releases.length} release(s) for ${context.goos}/${context.goarch}; its newest: ${newestText(list)}.`;
      return fail("TOOLCHAIN_DOWNLOAD_FAILED", `Cannot install ${toolchain}: download ${toolchain} for ${context.goos}/${context.goarch}: toolchain not available.${has}`, "Ask for a release the proxy has (or a range such as 1.22.x, or stable), or make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org and most public mirrors do), or preinstall this Go release in the runner image.");
    }
    return fail("TOOLCHAIN_DOWNLOAD_FAILED", `Cannot install ${toolchain}: download ${toolchain}: ${fetched.error ?? "no answer"}.`, "Make a GOPROXY entry serve golang.org/toolchain (proxy.golang.org and most public mirrors do), or preinstall this Go release in the runner image.");
  }
  const zip = fetched.body;
  let entries2;
  let zipHash;
  try {
    entries2 = listZip(zip);
    zipHash = zipHash1(zip, entries2);
  } catch (error) {
    return fail("TOOLCHAIN_ZIP_INVALID", `The ${modId}.zip served by ${fetched.servedBy ?? "GOPROXY"} is not a valid module zip: ${error.message}.`, "Check the proxy: it answered with something other than the module zip.");
  }
  const sumdb = parseGosumdb(context.gosumdb);
  let verification;
  if (!sumdb.ok) {
    return fail("TOOLCHAIN_UNVERIFIABLE", `Refusing to install ${toolchain}: ${modId}: verifying module: ${sumdb.error}.`, "Fix GOSUMDB; the checksum database is required to verify a toolchain.");
  } else if (sumdb.config.kind === "off") {
    verification = "unverified";
    steps.push(`NOT verified: GOSUMDB=off (downloaded ${zipHash})`);
    problems.push({
      severity: "warning",
      code: "TOOLCHAIN_UNVERIFIED",
      variable: "GOSUMDB",
      message: `UNVERIFIED TOOLCHAIN: ${toolchain} (${modId}, ${zipHash}) was installed WITHOUT checksum verification because GOSUMDB=off. Whatever ${fetched.servedBy ?? "the proxy"} served now runs as your go command. The go command itself refuses this download ("verifying module: checksum database disabled by GOSUMDB=off").`,
      fix: "Turn checksum verification back on (unset GOSUMDB or set it to sum.golang.org, or your own database)."
    });
  } else {
    const config = sumdb.config;
    const route = await resolveSumdbRoute(context.http, config, context.goproxy, context.gonoproxy);
    if (route.baseUrl === null) {
      return fail("TOOLCHAIN_UNVERIFIABLE", `Refusing to install ${toolchain}: the checksum database ${config.name} cannot be reached: ${route.reason}.`, "Fix the route to the checksum database (see the GOSUMDB problems), or give GOSUMDB an explicit URL.");
    }
    try {
      const lookup = await lookupVerified(context.http, route.baseUrl, config.verifierKey, TOOLCHAIN_MODULE, moduleVersion);
      const prefix2 = `${TOOLCHAIN_MODULE} ${moduleVersion} h1:`;
      const recorded = lookup.lines.find((line) => line.startsWith(prefix2));
      if (recorded === void 0) {
        return fail("TOOLCHAIN_UNVERIFIABLE", `Refusing to install ${toolchain}: the checksum database ${config.name} has no hash for ${modId}.`, "Use a Go release the checksum database knows, or the database that signed this toolchain.");
      }
      const want = recorded.slice(prefix2.length - "h1:".length);
      if (want !== zipHash) {
        return fail(
          "TOOLCHAIN_CHECKSUM_MISMATCH",
          `SECURITY ERROR: refusing to install ${toolchain}: ${modId}: checksum mismatch: downloaded ${zipHash} from ${fetched.servedBy ?? "GOPROXY"}, ${config.name} says ${want}. The proxy served a toolchain that is not the one the checksum database records.`,
          `Do not use ${fetched.servedBy ?? "this proxy"} until you know why it serves different bytes; remove it from GOPROXY.`
        );
      }
      verification = "sumdb";
      steps.push(`verified ${zipHash} with ${config.name} via ${route.via === "proxy" ? `the proxy ${route.baseUrl}` : route.baseUrl} (record ${lookup.recordId} of ${lookup.treeSize}, signed tree note, ${lookup.tilesRead} tiles)`);
    } catch (error) {
      if (!(error instanceof SumdbError)) throw error;
      return fail("TOOLCHAIN_UNVERIFIABLE", `Refusing to install ${toolchain}: ${modId}: verifying module: ${error.message}.`, "The checksum database must be reachable and must vouch for the toolchain; check GOSUMDB and the proxies that serve it.");
    }
  }
  const prefix = `${modId}/`;
  const tempBase = process.env["RUNNER_TEMP"] || tmpdir();
  const staging = await mkdtemp(path5.join(tempBase, "setup-goproxy-toolchain-"));
  try {
    try {
      await extractZip(zip, prefix, staging, entries2);
      const files = relativeNames(entries2, prefix);
      await markToolchainExecutables(staging, files, platform);
      await restoreGoModFiles(staging, files);
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      return fail("TOOLCHAIN_ZIP_INVALID", `Cannot unpack ${modId}.zip: ${error.message}.`, "Check the proxy that served it.");
    }
    const stagedGo = path5.join(staging, "bin", exe);
    if (!await isExecutable(stagedGo, platform)) {
      return fail("TOOLCHAIN_ZIP_INVALID", `${modId}.zip has no bin/${exe}.`, "Check the proxy that served it.");
    }
    const ran = await (context.runGo ?? runGo)(stagedGo, ["version"], { ...context.env, GOTOOLCHAIN: "local", GOROOT: "" }, staging, 2e4);
    const reported = parseGoVersionOutput(ran.stdout);
    if (ran.code !== 0 || reported === null || compareGoVersions(reported, version) !== 0) {
      return fail("TOOLCHAIN_BROKEN", `The installed ${toolchain} does not run as expected: \`go version\` exited ${ran.code} and printed ${JSON.stringify((ran.stdout + ran.stderr).trim().slice(0, 200))}.`, "Check the toolchain zip the proxy serves.");
    }
    let goroot = staging;
    if (toolCacheAvailable()) {
      goroot = await cacheDir(staging, "go", semver4, arch2);
      steps.push(`cached in the tool cache: ${goroot}`);
    } else {
      steps.push(`RUNNER_TOOL_CACHE is not set: installed in ${staging} (not cached)`);
    }
    const binDir = path5.join(goroot, "bin");
    return { ok: true, version, goroot, binDir, goBinary: path5.join(binDir, exe), source: "download", verification, steps, problems };
  } finally {
    if (toolCacheAvailable()) await rm(staging, { recursive: true, force: true }).catch(() => void 0);
  }
}
__name(installGo, "installGo");

// src/toolchain/versionInput.ts
import path6 from "node:path";
function parseGoVersionInput(raw, input = "go-version", source = `input ${input}`) {
  return { spec: parseGoVersionSpec(raw, input), source };
}
__name(parseGoVersionInput, "parseGoVersionInput");
function parseGoVersionFile(fileName, content, options = {}) {
  const input = options.input ?? "go-version-file";
  const base = path6.basename(fileName);
  const source = `${input} ${fileName}`;
  if (base === "go.mod" || base === "go.work") {
    const parsed = base === "go.mod" ? parseGoMod(content).file : parseGoWork(content).file;
    const goLine = parsed.go?.version ?? null;
    const toolchainName = options.gotoolchain === "local" ? null : parsed.toolchain?.name ?? null;
    const toolchainVersion = toolchainName === null || toolchainName === "default" ? "" : versionFromToolchain(toolchainName);
    if (toolchainVersion !== "" && (goLine === null || compareGoVersions(toolchainVersion, goLine) >= 0)) {
      return { spec: parseGoVersionSpec(toolchainVersion, input, `${fileName}: toolchain ${excerpt(toolchainName ?? "")}`), source: `${source} (toolchain line)` };
    }
    if (goLine === null) throw new InputError(input, fileName, `${base} has no go line`, `Add a "go 1.N.M" line to ${fileName}, or use the go-version input.`);
    return { spec: parseGoVersionSpec(goLine, input, `${fileName}: go ${excerpt(goLine)}`), source: `${source} (go line)` };
  }
  const lines = content.split("\n").map((line) => line.trim());
  if (base === ".tool-versions") {
    const line = lines.find((l) => l.startsWith("golang") && (l[6] === " " || l[6] === "	"));
    const value = line?.slice(6).trim().split("#")[0]?.trim() ?? "";
    if (value === "") throw new InputError(input, fileName, 'it has no "golang <version>" line', 'Add a line such as "golang 1.22.5".');
    const version = value.split(/[ \t]/)[0] ?? value;
    return { spec: parseGoVersionSpec(version, input, `${fileName}: golang ${excerpt(version)}`), source };
  }
  const first = lines.find((l) => l !== "" && !l.startsWith("#"));
  if (first === void 0) throw new InputError(input, fileName, "the file is empty", "Write a Go version such as 1.22.5 into it.");
  return { spec: parseGoVersionSpec(first, input, `${fileName}: ${excerpt(first)}`), source };
}
__name(parseGoVersionFile, "parseGoVersionFile");

// src/toolchain/phase.ts
var INSTALL_MIN_MS = 10 * 6e4;
var TOOLCHAIN_TABLE_BUDGET = 48 * 1024;
var CELL_CHARS = 300;
var MAX_STEPS = 20;
var FILE_FAILURE = {
  "not-found": "the file does not exist",
  "outside-workspace": "it resolves (through a symbolic link or an absolute path) to a place outside the workspace",
  "not-regular": "it is not a regular file (a directory, FIFO, socket or device)",
  "too-large": `it is larger than the ${REPO_TEXT_FILE_MAX_BYTES} bytes a version file may have`,
  unreadable: "the file cannot be read"
};
async function readRequest(options, problems) {
  const spec = options.goVersion.trim();
  const file = options.goVersionFile.trim();
  if (spec !== "" && file !== "") {
    problems.push({ severity: "warning", code: "GO_VERSION_BOTH", variable: "go-version", setIn: "input", message: `Both go-version (${excerpt(spec)}) and go-version-file (${excerpt(file)}) are set; go-version is used.`, fix: "Remove one of the two inputs." });
  }
  if (spec !== "") return parseGoVersionInput(spec);
  if (file === "") return null;
  const read = await readRepoFile(options.workspace, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...options.platform === void 0 ? {} : { platform: options.platform } });
  if (!read.ok) {
    throw new InputError("go-version-file", excerpt(file), FILE_FAILURE[read.failure], "Give a path relative to the repository root of a file in the repository, e.g. go.mod, go.work, .go-version or .tool-versions.");
  }
  return parseGoVersionFile(excerpt(file), read.text, { gotoolchain: options.env["GOTOOLCHAIN"] ?? "" });
}
__name(readRequest, "readRequest");
function describeResolution(request2, resolution) {
  const spec = `\`${escapeCell(excerpt(request2.spec.text, 80))}\``;
  const from = resolution.from === "exact" ? "as given" : resolution.from === "tool-cache" ? "the newest match in the tool cache" : request2.spec.kind === "alias" ? `${request2.spec.alias} in GOPROXY's golang.org/toolchain list` : "the newest match in GOPROXY's golang.org/toolchain list";
  return `${spec} (${escapeCell(request2.source)}) \u2192 go${resolution.version}, ${from}`;
}
__name(describeResolution, "describeResolution");
async function runToolchainPhase(options) {
  const problems = [];
  const summary2 = [];
  const exportEnv = {};
  const env = options.env;
  const gonoproxy = env["GONOPROXY"] || env["GOPRIVATE"] || "";
  const netrc = await readNetrc(env);
  let goVersion = options.localGo?.version ?? null;
  let goPath = options.localGo?.binary ?? null;
  let addPath2 = null;
  let install = null;
  const request2 = await readRequest(options, problems);
  if (request2 !== null) {
    const http = await Http.open(env, netrc, Date.now() + Math.max(options.budgetMs, INSTALL_MIN_MS));
    try {
      const context = {
        http,
        goos: options.goos,
        goarch: options.goarch,
        goproxy: options.goproxy,
        gonoproxy,
        gosumdb: options.gosumdb,
        env,
        localGo: options.localGo,
        toolchainList: toolchainLister(http, options.goproxy, gonoproxy, options.goos, options.goarch),
        ...options.platform === void 0 ? {} : { platform: options.platform },
        ...options.runGo === void 0 ? {} : { runGo: options.runGo }
      };
      const resolved = await resolveRequest(request2, context, { checkLatest: options.checkLatest === true });
      let steps = resolved.steps;
      if ("error" in resolved) {
        problems.push(resolved.error);
        summary2.push(`**Install:** go-version \`${escapeCell(excerpt(request2.spec.text, 80))}\` (${escapeCell(request2.source)}) could not be resolved to a Go release (see Problems).`);
      } else {
        problems.push(...resolved.problems);
        install = await installGo(resolved.version, context);
        problems.push(...install.problems);
        steps = [...steps, ...install.steps];
        if (install.ok) {
          goVersion = install.version;
          goPath = install.goBinary;
          addPath2 = install.source === "local" ? null : install.binDir;
          const how = install.source === "download" ? install.verification === "sumdb" ? "downloaded and verified" : "**downloaded WITHOUT verification**" : install.source === "tool-cache" ? "from the tool cache" : "already on PATH";
          summary2.push(`**Install:** ${describeResolution(request2, resolved)}; ${how}.`);
        } else {
          summary2.push(`**Install:** ${describeResolution(request2, resolved)}; **failed**.`);
        }
      }
      const shown = capList(steps, MAX_STEPS);
      if (shown.shown.length > 0) summary2.push(shown.shown.map((step) => `- ${escapeCell(redactForDisplay(excerpt(step, 500)))}`).join("\n") + (shown.omitted > 0 ? `
- \u2026 ${shown.omitted} more step(s)` : ""));
    } finally {
      await http.close();
    }
    if (install?.ok === true) {
      const current = env["GOTOOLCHAIN"] ?? "";
      if (current === "" || current === "local" || current === "auto") exportEnv["GOTOOLCHAIN"] = "local";
      else {
        problems.push({ severity: "notice", code: "GOTOOLCHAIN_KEPT", variable: "GOTOOLCHAIN", message: `GOTOOLCHAIN=${current} is set in the job, so it was not replaced by "local": go commands may still switch away from the installed go${install.version}.`, fix: "Remove GOTOOLCHAIN from the job environment to run the installed Go." });
      }
    }
  }
  const gotoolchainRaw = exportEnv["GOTOOLCHAIN"] ?? env["GOTOOLCHAIN"];
  const gotoolchain = parseGotoolchain(gotoolchainRaw);
  let detection = null;
  if (!gotoolchain.ok) {
    problems.push({ severity: "error", code: "GOTOOLCHAIN_INVALID", variable: "GOTOOLCHAIN", message: `Every go command fails: go: ${gotoolchain.error}.`, fix: "Set GOTOOLCHAIN to local, auto, path, go1.N.M, or go1.N.M+auto / +path." });
  } else if (goVersion === null) {
    summary2.push("No go on PATH: toolchain requirements of go.mod/go.work were not checked.");
  } else if (options.goModLines.length > 0) {
    const http = await Http.open(env, netrc, Date.now() + options.budgetMs);
    try {
      detection = await detectToolchainNeeds({
        gotoolchain: gotoolchain.value,
        localVersion: goVersion,
        files: options.goModLines,
        goos: options.goos,
        goarch: options.goarch,
        goproxy: options.goproxy,
        gonoproxy,
        gosumdb: options.gosumdb,
        env: addPath2 === null ? env : prependPath(env, [addPath2], options.platform),
        http,
        ...options.platform === void 0 ? {} : { platform: options.platform }
      });
    } finally {
      await http.close();
    }
    problems.push(...detection.problems);
    summary2.push(`GOTOOLCHAIN=${escapeCell(excerpt(gotoolchain.value.value))}${gotoolchainRaw === void 0 || gotoolchainRaw === "" ? " (default)" : ""}; the go that runs: go${goVersion}.`);
    const cell = /* @__PURE__ */ __name((text) => escapeCell(excerpt(text, CELL_CHARS)), "cell");
    summary2.push(boundedTable(["File", "Asks for", "go commands run"], detection.rows.map((r) => [cell(r.file), cell(r.wants), cell(r.runs)]), TOOLCHAIN_TABLE_BUDGET));
  }
  return { problems, goVersion, goPath, addPath: addPath2, exportEnv, summaryBody: summary2.join("\n\n") + (summary2.length > 0 ? "\n" : "") };
}
__name(runToolchainPhase, "runToolchainPhase");

// src/build-cache/inputs.ts
var BUILD_CACHE_KEY_MAX_CHARS = 256;
function parseKeyWords(raw) {
  if (raw.length > BUILD_CACHE_KEY_MAX_CHARS) {
    throw new InputError("build-cache-key", excerpt(raw, 60), `it is ${raw.length} characters long, more than ${BUILD_CACHE_KEY_MAX_CHARS}`, 'Give a few short words that tell matrix legs apart, e.g. "tags-netgo race".');
  }
  for (const c of raw) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 32 && c !== "\n" && c !== "\r" && c !== "	" || code === 127) {
      throw new InputError("build-cache-key", raw.replace(/[\u0000-\u001f\u007f]/g, "?"), "it contains a control character", "Remove control characters from 'build-cache-key'.");
    }
  }
  return raw.split(/[\s,]+/).filter((word) => word !== "").join(" ");
}
__name(parseKeyWords, "parseKeyWords");
function readBuildCacheInputs(getInput2 = (name) => getInput(name)) {
  const bounded = /* @__PURE__ */ __name((name) => {
    const value = getInput2(name);
    return value.length > 64 ? excerpt(value, 64) : value;
  }, "bounded");
  return {
    enabled: parseBoolean("build-cache", bounded("build-cache") || "true"),
    save: parseChoice("build-cache-save", bounded("build-cache-save") || "default-branch", ["default-branch", "always", "auto", "never"]),
    keyWords: parseKeyWords(getInput2("build-cache-key"))
  };
}
__name(readBuildCacheInputs, "readBuildCacheInputs");

// src/toolchain/context.ts
import { endianness as osEndianness } from "node:os";
var GOOS_FOR_PLATFORM = {
  win32: "windows",
  cygwin: "windows",
  // node reports "sunos" for Solaris and illumos; Go names them solaris and illumos, and only
  // uname's version string tells them apart: solaris is the conservative choice.
  sunos: "solaris"
};
function goPlatform(platform = process.platform, arch2 = process.arch, endianness = osEndianness()) {
  const goos = GOOS_FOR_PLATFORM[platform] ?? platform;
  let goarch;
  switch (arch2) {
    case "x64":
      goarch = "amd64";
      break;
    case "ia32":
      goarch = "386";
      break;
    case "mipsel":
      goarch = "mipsle";
      break;
    case "ppc64":
      goarch = endianness === "LE" ? "ppc64le" : "ppc64";
      break;
    default:
      goarch = arch2;
  }
  return { goos, goarch };
}
__name(goPlatform, "goPlatform");
function toolchainPlatform(go) {
  if (go !== null && go.hostGoos !== "" && go.hostGoarch !== "") return { goos: go.hostGoos, goarch: go.hostGoarch };
  return goPlatform();
}
__name(toolchainPlatform, "toolchainPlatform");
function goVersionLines(workspace) {
  const lines = [];
  if (workspace.goWork !== null) lines.push({ file: workspace.goWork.file, go: workspace.goWork.parsed.go, toolchain: workspace.goWork.parsed.toolchain });
  for (const module of workspace.modules) lines.push({ file: module.goModFile, go: module.file.go, toolchain: module.file.toolchain });
  return lines;
}
__name(goVersionLines, "goVersionLines");

// src/toolchain/inputs.ts
function readToolchainInputs() {
  return {
    checkLatest: parseBoolean("check-latest", getInput("check-latest") || "false"),
    problemMatcher: parseBoolean("problem-matcher", getInput("problem-matcher") || "true")
  };
}
__name(readToolchainInputs, "readToolchainInputs");

// src/problems.ts
function problemForOutput(problem) {
  const out = { severity: problem.severity, code: problem.code, message: problem.message };
  if (problem.fix !== void 0) out["fix"] = problem.fix;
  if (problem.file !== void 0) out["file"] = problem.file;
  if (problem.line !== void 0) out["line"] = problem.line;
  return out;
}
__name(problemForOutput, "problemForOutput");
var severityRank = { error: 2, warning: 1, notice: 0 };
function severityAtLeast(severity, threshold) {
  return severityRank[severity] >= severityRank[threshold];
}
__name(severityAtLeast, "severityAtLeast");
function sortProblems(problems) {
  return [...problems].sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
}
__name(sortProblems, "sortProblems");
var PROBLEMS_PER_CODE = 20;
var PROBLEMS_LISTED = 200;
function capProblems(problems, perCode = PROBLEMS_PER_CODE, total = PROBLEMS_LISTED) {
  const seen = /* @__PURE__ */ new Map();
  const kept = [];
  const omittedByCode = /* @__PURE__ */ new Map();
  const omittedBySeverity = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) {
    const count = (seen.get(problem.code) ?? 0) + 1;
    seen.set(problem.code, count);
    if (count <= perCode && kept.length < total - 1) {
      kept.push(problem);
      continue;
    }
    omittedByCode.set(problem.code, (omittedByCode.get(problem.code) ?? 0) + 1);
    omittedBySeverity[problem.severity] += 1;
  }
  if (omittedByCode.size === 0) return kept;
  const omitted = omittedBySeverity.error + omittedBySeverity.warning + omittedBySeverity.notice;
  const severities = ["error", "warning", "notice"].filter((severity) => omittedBySeverity[severity] > 0).map((severity) => `${omittedBySeverity[severity]} ${severity}(s)`);
  const codes = [...omittedByCode].slice(0, 30).map(([codeName, count]) => `${codeName} (${count})`);
  kept.push({
    severity: "notice",
    code: "PROBLEMS_TRUNCATED",
    message: `${omitted} more problem(s) are not listed (${severities.join(", ")}): at most ${perCode} of each kind and ${total} in all are reported. Left out: ${codes.join(", ")}${omittedByCode.size > 30 ? ", \u2026" : ""}.`,
    fix: "Fix the problems listed; the ones left out are of the same kinds and go away with the same fixes."
  });
  return kept;
}
__name(capProblems, "capProblems");

// src/report/redactProblem.ts
var PROBLEM_MESSAGE_CHARS = 1500;
var PROBLEM_FIX_CHARS = 800;
function redactProblem(problem) {
  const message = excerpt(redactForDisplay(problem.message), PROBLEM_MESSAGE_CHARS);
  const fix = problem.fix === void 0 ? void 0 : excerpt(redactForDisplay(problem.fix), PROBLEM_FIX_CHARS);
  const file = problem.file === void 0 ? void 0 : excerpt(problem.file, 500);
  if (message === problem.message && fix === problem.fix && file === problem.file) return problem;
  return { ...problem, message, ...fix === void 0 ? {} : { fix }, ...file === void 0 ? {} : { file } };
}
__name(redactProblem, "redactProblem");

// src/localproxy/inputs.ts
import { createPrivateKey, X509Certificate } from "node:crypto";
var HIDDEN = "***";
var CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";
var CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;
function normalisePem(text) {
  return text.replace(/\r\n?/g, "\n").split("\n").map((line) => line.trim()).filter((line) => line !== "").join("\n");
}
__name(normalisePem, "normalisePem");
function pemSecretLines(pem) {
  return normalisePem(pem).split("\n").filter((line) => !line.startsWith("-----") && line.length >= 8);
}
__name(pemSecretLines, "pemSecretLines");
function describeKey(key) {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "rsa") return `an RSA ${details?.modulusLength ?? ""} key`.replace("  ", " ");
  if (key.asymmetricKeyType === "ec") return `an EC ${details?.namedCurve ?? ""} key`.replace("  ", " ");
  return `an ${key.asymmetricKeyType ?? "unknown"} key`;
}
__name(describeKey, "describeKey");
function parseCertificates(text) {
  const pem = normalisePem(text);
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    const looksLikePath = !pem.includes("-----BEGIN") && pem.length < 300;
    throw new InputError(
      "client-certificate",
      pem.slice(0, 40),
      looksLikePath ? "it is not PEM text (a path is not read: the value must be the certificate itself)" : 'it holds no "-----BEGIN CERTIFICATE-----" block',
      "Store the PEM certificate (leaf first, then intermediates) in a secret and pass it: client-certificate: ${{ secrets.GOPROXY_CLIENT_CERT }}."
    );
  }
  return blocks.map((block, position) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new InputError("client-certificate", `certificate ${position + 1}`, "that PEM block is not a valid X.509 certificate", "Export the certificate again as PEM (openssl x509 -in cert.crt -out cert.pem).");
    }
  });
}
__name(parseCertificates, "parseCertificates");
function parseKey(text) {
  const pem = normalisePem(text);
  if (/ENCRYPTED/.test(pem)) {
    throw new InputError("client-key", HIDDEN, "the key is encrypted with a passphrase", "Store the key unencrypted in the secret (openssl pkey -in key.pem -out plain.pem); the secret store protects it.");
  }
  if (!pem.startsWith("-----BEGIN ") || !pem.includes("PRIVATE KEY-----")) {
    throw new InputError("client-key", HIDDEN, 'it is not a PEM private key ("-----BEGIN PRIVATE KEY-----", "RSA PRIVATE KEY" or "EC PRIVATE KEY")', "Pass the private key itself, as PEM text from a secret: client-key: ${{ secrets.GOPROXY_CLIENT_KEY }}.");
  }
  try {
    return createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new InputError("client-key", HIDDEN, "the PEM private key cannot be read (damaged or truncated)", "Copy the whole key, BEGIN and END lines included, into the secret again.");
  }
}
__name(parseKey, "parseKey");
function parseLocalProxyInputs(raw, now = /* @__PURE__ */ new Date()) {
  const serveModules = parseBoolean("serve-modules", raw.serveModules.trim() === "" ? "false" : raw.serveModules);
  const certificateProxies = raw.clientCertificateProxies.split(/[,\n\r]/).map((item) => item.trim()).filter((item) => item !== "" && !item.startsWith("#"));
  const certText = raw.clientCertificate.trim();
  const keyText2 = raw.clientKey.trim();
  if (certText === "" && keyText2 === "") {
    if (certificateProxies.length > 0) {
      throw new InputError("client-certificate-proxies", certificateProxies.join(","), "it needs client-certificate and client-key", "Give the certificate and key too, or remove client-certificate-proxies.");
    }
    return { inputs: { clientCertificate: null, certificate: null, certificateProxies, serveModules }, problems: [] };
  }
  if (keyText2 === "") throw new InputError("client-key", "", "client-certificate is set but client-key is empty", "Give the private key of the certificate (PEM text from a secret), or remove client-certificate.");
  if (certText === "") throw new InputError("client-certificate", "", "client-key is set but client-certificate is empty", "Give the certificate that belongs to the key (PEM text from a secret), or remove client-key.");
  const certificates = parseCertificates(certText);
  const leaf = certificates[0];
  const key = parseKey(keyText2);
  if (!leaf.checkPrivateKey(key)) {
    throw new InputError(
      "client-key",
      HIDDEN,
      `it is not the private key of the certificate in client-certificate (${leaf.subject.replace(/\n/g, ", ")}; the key is ${describeKey(key)})`,
      "Give the key that was generated with this certificate, or the certificate issued for this key (the leaf certificate must come first)."
    );
  }
  const problems = [];
  const notBefore = new Date(leaf.validFrom);
  const notAfter = new Date(leaf.validTo);
  const subject = leaf.subject.replace(/\n/g, ", ");
  if (now > notAfter || now < notBefore) {
    problems.push({
      severity: "error",
      code: "CLIENT_CERTIFICATE_EXPIRED",
      variable: "client-certificate",
      setIn: "input",
      message: now > notAfter ? `The client certificate (${subject}) expired on ${notAfter.toISOString()}: the upstream will refuse the TLS handshake.` : `The client certificate (${subject}) is not valid before ${notBefore.toISOString()}.`,
      fix: "Renew the client certificate and update the secret (check the runner's clock too)."
    });
  }
  const usages = leaf.extKeyUsage ?? leaf.keyUsage;
  if (usages !== void 0 && !usages.includes(CLIENT_AUTH_OID)) {
    problems.push({
      severity: "warning",
      code: "CLIENT_CERTIFICATE_NOT_FOR_CLIENTS",
      variable: "client-certificate",
      setIn: "input",
      message: `The client certificate (${subject}) has an extended key usage without clientAuth: TLS servers usually refuse it as a client certificate.`,
      fix: "Issue the certificate with extendedKeyUsage = clientAuth."
    });
  }
  return {
    inputs: {
      clientCertificate: { cert: certificates.map((certificate) => certificate.toString()).join(""), key: normalisePem(keyText2) + "\n" },
      certificate: { subject, notAfter },
      certificateProxies,
      serveModules
    },
    problems
  };
}
__name(parseLocalProxyInputs, "parseLocalProxyInputs");

// src/localproxy/routeView.ts
function loopbackRouteOf(result, exportedGoproxy, gonoproxy) {
  if (result.url === null) return void 0;
  const parse = parseProxyList(exportedGoproxy, gonoproxy);
  const entries2 = parse.ok ? parse.entries : [];
  const bridged = entries2.flatMap((entry2, index) => {
    const bridge = entry2.kind === "url" ? result.bridged.find((candidate) => candidate.exported === entry2.url.replace(/\/+$/, "")) : void 0;
    return bridge === void 0 ? [] : [{ index, upstream: bridge.upstream }];
  });
  return { bridged, ...result.servingModules ? { servedCache: { url: result.moduleProxy } } : {} };
}
__name(loopbackRouteOf, "loopbackRouteOf");

// src/report/mermaidText.ts
var SAFE_ASCII = new Set(Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:/_-+=@()'*?!~"));
var LABEL_TEXT_MAX = 120;
var ELLIPSIS = "\u2026";
function isInvisible(cp2) {
  return cp2 < 32 || cp2 >= 127 && cp2 <= 159 || cp2 >= 8203 && cp2 <= 8207 || cp2 >= 8232 && cp2 <= 8238 || cp2 >= 8288 && cp2 <= 8297 || cp2 === 65279 || // Lone surrogates (invalid UTF-16) cannot be shown.
  cp2 >= 55296 && cp2 <= 57343;
}
__name(isInvisible, "isInvisible");
function mermaidText(text, max = LABEL_TEXT_MAX) {
  let out = "";
  let index = 0;
  while (index < text.length) {
    const cp2 = text.codePointAt(index);
    const width = cp2 > 65535 ? 2 : 1;
    let piece;
    if (isInvisible(cp2)) piece = " ";
    else if (cp2 < 128 && SAFE_ASCII.has(text[index]) && !startsReservedWord(text, index)) piece = text[index];
    else piece = `#${cp2};`;
    if (piece === " " && out === "") {
      index += width;
      continue;
    }
    if (out.length + piece.length > max - (index + width < text.length ? ELLIPSIS.length : 0)) {
      return out + ELLIPSIS;
    }
    out += piece;
    index += width;
  }
  let end = out.length;
  while (end > 0 && out[end - 1] === " ") end--;
  return out.slice(0, end);
}
__name(mermaidText, "mermaidText");
function startsReservedWord(text, index) {
  return text.startsWith("style", index) || text.startsWith("classDef", index);
}
__name(startsReservedWord, "startsReservedWord");

// src/report/route.ts
var ROUTE_LIMITS = { hops: 6, patterns: 4, dropped: 3 };
var URL_CHARS = 72;
var PATTERN_CHARS = 48;
var DETAIL_CHARS = 40;
var SHAPES = {
  rect: ['["', '"]'],
  stadium: ['(["', '"])'],
  round: ['("', '")'],
  subroutine: ['[["', '"]]'],
  cylinder: ['[("', '")]']
};
var ARROWS = { solid: "-->", thick: "==>", dotted: "-.->" };
var CLASS_DEFS = {
  ok: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  bad: "fill:#ffebe9,stroke:#cf222e,color:#1f2328",
  warn: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
  muted: "fill:#f6f8fa,stroke:#8c959f,color:#1f2328",
  bridge: "fill:#ddf4ff,stroke:#0969da,color:#1f2328"
};
var Flowchart = class {
  static {
    __name(this, "Flowchart");
  }
  nodes = [];
  edges = [];
  styles = /* @__PURE__ */ new Map();
  node(id, shape, lines, style) {
    const [open2, close] = SHAPES[shape];
    this.nodes.push(`  ${id}${open2}${lines.join("<br>")}${close}`);
    const ids = this.styles.get(style) ?? [];
    ids.push(id);
    this.styles.set(style, ids);
    return id;
  }
  edge(from, to, arrow, label = null) {
    this.edges.push(`  ${from} ${ARROWS[arrow]}${label === null ? "" : `|"${label}"|`} ${to}`);
  }
  text() {
    const used = [...this.styles.keys()];
    return [
      "flowchart LR",
      ...this.nodes,
      ...this.edges,
      ...used.map((style) => `  classDef ${style} ${CLASS_DEFS[style]}`),
      ...used.map((style) => `  class ${this.styles.get(style).join(",")} ${style}`)
    ].join("\n");
  }
};
var RAW_CHARS = 512;
function safe(text, max) {
  const clipped = text.length > RAW_CHARS;
  let shown = redactForDisplay(clipped ? text.slice(0, RAW_CHARS) : text);
  if (clipped) {
    const authority = shown.lastIndexOf("://");
    if (authority >= 0 && !/[/?#|\s"'<>`@]/.test(shown.slice(authority + 3))) shown = `${shown.slice(0, authority + 3)}\u2026`;
  }
  return mermaidText(shown, max);
}
__name(safe, "safe");
function verdictLine(verdict) {
  const cause = verdict.detail === null ? "" : safe(verdict.detail, DETAIL_CHARS);
  const detail = cause === "" ? "" : ` \xB7 ${cause}`;
  const latency = verdict.latencyMs === null ? "" : ` \xB7 ${Math.max(0, Math.round(verdict.latencyMs))} ms`;
  switch (verdict.state) {
    case "healthy":
      return `\u2705 healthy${latency}`;
    case "unhealthy":
      return `\u274C unhealthy${detail}`;
    case "refused":
      return `\u26D4 refused${detail}`;
    default:
      return "not probed";
  }
}
__name(verdictLine, "verdictLine");
function verdictStyle(verdict) {
  return verdict.state === "healthy" ? "ok" : verdict.state === "not-probed" ? "muted" : "bad";
}
__name(verdictStyle, "verdictStyle");
function separatorEdge(separator) {
  return separator === "|" ? { arrow: "thick", label: "#124; any error" } : { arrow: "solid", label: ", 404/410 only" };
}
__name(separatorEdge, "separatorEdge");
function patternLines(patterns) {
  const shown = patterns.slice(0, ROUTE_LIMITS.patterns).map((pattern) => safe(pattern, PATTERN_CHARS));
  const omitted = patterns.length - shown.length;
  return omitted > 0 ? [...shown, `+${omitted} more`] : shown;
}
__name(patternLines, "patternLines");
function chainItems(count, max = ROUTE_LIMITS.hops) {
  const all = Array.from({ length: count }, (_, index) => ({ kind: "hop", index }));
  if (count <= max) return all;
  const head = Math.max(1, max - 2);
  return [...all.slice(0, head), { kind: "more", first: head, last: count - 2 }, { kind: "hop", index: count - 1 }];
}
__name(chainItems, "chainItems");
function renderRouteDiagram(model) {
  const chart = new Flowchart();
  const go = chart.node("goCmd", "stadium", ["go command"], "muted");
  const items = chainItems(model.hops.length);
  const entry2 = [];
  const exit = [];
  let directNode = null;
  items.forEach((item, position) => {
    if (item.kind === "more") {
      const count = item.last - item.first + 1;
      const id2 = chart.node("more", "rect", [`+${count} more entries`, "same fall-through rules"], "muted");
      entry2.push(id2);
      exit.push(id2);
      return;
    }
    const hop = model.hops[item.index];
    const id = `hop${position}`;
    if (hop.kind === "direct") {
      directNode = chart.node(id, "subroutine", ["direct", "origin servers (VCS)"], "muted");
      entry2.push(id);
      exit.push(id);
      return;
    }
    if (hop.kind === "off") {
      chart.node(id, "rect", ["off", "lookups disabled: download fails"], "warn");
      entry2.push(id);
      exit.push(id);
      return;
    }
    if (hop.bridgeTo !== null) {
      chart.node(id, "rect", [safe(hop.url, URL_CHARS), "\u{1F512} mTLS bridge (loopback)"], "bridge");
      const upstream = chart.node(`up${position}`, "rect", [safe(hop.bridgeTo, URL_CHARS), verdictLine(hop.verdict)], verdictStyle(hop.verdict));
      chart.edge(id, upstream, "thick", "client certificate");
      entry2.push(id);
      exit.push(upstream);
      return;
    }
    const lines = [safe(hop.url, URL_CHARS), verdictLine(hop.verdict)];
    if (hop.addedByProbe) lines.push("fallback added by the probe");
    chart.node(id, "rect", lines, verdictStyle(hop.verdict));
    entry2.push(id);
    exit.push(id);
  });
  const hasPrivate = model.privatePatterns !== null && model.privatePatterns.length > 0;
  if (entry2.length === 0) {
    chart.edge(go, chart.node("stop", "rect", ["GOPROXY has no entries", "download fails"], "bad"), "solid");
  } else {
    chart.edge(go, entry2[0], "solid", hasPrivate ? "other modules" : "modules");
    for (let position = 0; position + 1 < items.length; position++) {
      const item = items[position];
      const lastHop = item.kind === "hop" ? item.index : item.last;
      const { arrow, label } = separatorEdge(model.hops[lastHop]?.separator ?? ",");
      chart.edge(exit[position], entry2[position + 1], arrow, label);
    }
    const last = model.hops[model.hops.length - 1];
    if (last !== void 0 && last.kind === "proxy") {
      chart.edge(exit[exit.length - 1], chart.node("stop", "rect", ["no more entries", "go reports the error"], "muted"), "dotted", "not found or error");
    }
  }
  if (hasPrivate) {
    const patterns = chart.node("private", "rect", ["GONOPROXY", ...patternLines(model.privatePatterns)], "muted");
    chart.edge(go, patterns, "solid", "matches GONOPROXY");
    chart.edge(patterns, directNode ?? chart.node("vcs", "subroutine", ["direct", "origin servers (VCS)"], "muted"), "solid");
  }
  if (model.servedCache !== null && entry2.length > 0) {
    const container = chart.node("container", "stadium", ["container build", "network: host"], "muted");
    const served = chart.node("served", "cylinder", ["served warm cache", safe(model.servedCache.url, URL_CHARS), "module-proxy output"], "bridge");
    chart.edge(container, served, "solid", "GOPROXY");
    chart.edge(served, entry2[0], "solid", "not in the cache");
  }
  if (model.dropped.length > 0) {
    const shown = model.dropped.slice(0, ROUTE_LIMITS.dropped).map((hop) => `${safe(hop.url, URL_CHARS)} \xB7 ${verdictLine(hop.verdict)}`);
    const omitted = model.dropped.length - shown.length;
    const dropped = chart.node("dropped", "rect", ["dropped by the probe", ...shown, ...omitted > 0 ? [`+${omitted} more`] : []], "bad");
    chart.edge(go, dropped, "dotted", "not used");
  }
  renderChecksum(chart, go, model, (index) => {
    const position = items.findIndex((item) => item.kind === "hop" ? item.index === index : index >= item.first && index <= item.last);
    return position < 0 ? null : exit[position] ?? null;
  });
  return chart.text();
}
__name(renderRouteDiagram, "renderRouteDiagram");
function renderChecksum(chart, go, model, hopExit) {
  const sumdb = model.checksum;
  const name = sumdb.name === null ? "checksum database" : safe(sumdb.name, URL_CHARS);
  switch (sumdb.via) {
    case "off":
      chart.edge(go, chart.node("sumdb", "cylinder", ["GOSUMDB=off", "nothing verified (go.sum only)"], "warn"), "dotted", "checksums");
      return;
    case "invalid":
      chart.edge(go, chart.node("sumdb", "cylinder", ["GOSUMDB is invalid", "see Problems"], "bad"), "dotted", "checksums");
      return;
    case "fails":
      chart.edge(go, chart.node("sumdb", "cylinder", [name, "verification fails", ...sumdb.reason === null ? [] : [safe(sumdb.reason, URL_CHARS)]], "bad"), "dotted", "checksums");
      break;
    case "proxy": {
      const through = sumdb.throughHop === null ? null : hopExit(sumdb.throughHop);
      const node = chart.node("sumdb", "cylinder", [name, ...sumdb.url === null ? [] : [safe(sumdb.url, URL_CHARS)], verdictLine(sumdb.verdict)], verdictStyle(sumdb.verdict));
      if (through === null) {
        chart.edge(go, node, "dotted", "checksums through a proxy");
      } else {
        chart.edge(go, through, "dotted", "checksums");
        chart.edge(through, node, "dotted", `/sumdb/${sumdb.name === null ? "" : safe(sumdb.name, URL_CHARS)}/`);
      }
      break;
    }
    default: {
      const how = sumdb.via === "explicit-url" ? "URL from GOSUMDB" : sumdb.via === "direct" ? "direct" : "direct unless a proxy serves /sumdb/";
      const node = chart.node("sumdb", "cylinder", [name, how, ...sumdb.url === null || sumdb.via === "not-probed" ? [] : [safe(sumdb.url, URL_CHARS)], verdictLine(sumdb.verdict)], verdictStyle(sumdb.verdict));
      chart.edge(go, node, "dotted", "checksums");
    }
  }
  if (model.noSumdbPatterns.length > 0) {
    chart.edge(go, chart.node("nosumdb", "rect", ["GONOSUMDB: not verified", ...patternLines(model.noSumdbPatterns)], "warn"), "dotted", "matches GONOSUMDB");
  }
}
__name(renderChecksum, "renderChecksum");
function routeSummaryBody(model) {
  return [
    "```mermaid",
    renderRouteDiagram(model),
    "```",
    "",
    "Each request walks the entries left to right: after `,` the next entry is tried only on 404/410, after `|` on any error; dotted lines are the checksum database's route.",
    ""
  ].join("\n");
}
__name(routeSummaryBody, "routeSummaryBody");

// src/report/routeModel.ts
var NOT_PROBED = { state: "not-probed", latencyMs: null, detail: null };
function verdictOf(result) {
  if (result === void 0) return NOT_PROBED;
  const detail = result.ok ? null : result.errorClass ?? (result.status === null ? null : `HTTP ${result.status}`);
  return { state: result.verdict, latencyMs: result.latencyMs, detail };
}
__name(verdictOf, "verdictOf");
function resultFor(results, url) {
  const forms = /* @__PURE__ */ new Set([url, redactProxyList(url), redactForDisplay(url)]);
  return results.find((result) => forms.has(result.url));
}
__name(resultFor, "resultFor");
function buildRouteModel(facts) {
  const parse = parseProxyList(facts.goproxy, facts.gonoproxy);
  if (!parse.ok) return null;
  const results = facts.probe?.results ?? [];
  const bridges = new Map((facts.loopback?.bridged ?? []).map((bridge) => [bridge.index, bridge.upstream]));
  const hops = parse.entries.map((entry2, index) => {
    const result = entry2.kind === "url" && facts.probe !== null ? resultFor(results, entry2.url) : void 0;
    const upstream = entry2.kind === "url" ? bridges.get(index) : void 0;
    return {
      kind: entry2.kind === "url" ? "proxy" : entry2.kind,
      url: redactProxyList(entry2.url),
      separator: entry2.separator,
      verdict: verdictOf(result),
      addedByProbe: result?.role === "fallback",
      bridgeTo: upstream === void 0 ? null : redactProxyList(upstream)
    };
  });
  const dropped = (facts.probe?.removed ?? []).map((url) => ({ url, verdict: verdictOf(resultFor(results, url)) }));
  const sumdbOff = facts.gosumdb?.kind === "off";
  return {
    hops,
    privatePatterns: parse.implicitNoproxy ? drawnPatterns(splitPatternList(facts.gonoproxy)) : null,
    dropped,
    checksum: checksumRoute(facts, parse.entries.map((entry2) => entry2.url)),
    noSumdbPatterns: facts.gosumdb === null || sumdbOff ? [] : splitPatternList(facts.gonosumdb),
    servedCache: facts.loopback?.servedCache === void 0 ? null : { url: redactProxyList(facts.loopback.servedCache.url) }
  };
}
__name(buildRouteModel, "buildRouteModel");
function drawnPatterns(patterns) {
  const real = patterns.filter((pattern) => pattern !== "none");
  return real.length === 0 ? null : real;
}
__name(drawnPatterns, "drawnPatterns");
function checksumRoute(facts, entryUrls) {
  const base = { name: null, url: null, throughHop: null, verdict: NOT_PROBED, reason: null };
  const config = facts.gosumdb;
  if (config === null) return { ...base, via: "invalid" };
  if (config.kind === "off") return { ...base, via: "off" };
  const check = facts.probe?.sumdb ?? null;
  if (check === null) {
    return config.url === null ? { ...base, via: "not-probed", name: config.name } : { ...base, via: "explicit-url", name: config.name, url: redactProxyList(config.url) };
  }
  const probe = check.probe;
  const verdict = probe === null ? NOT_PROBED : { state: probe.ok ? "healthy" : "unhealthy", latencyMs: probe.latencyMs, detail: probe.ok ? null : probe.errorClass ?? (probe.status === null ? null : `HTTP ${probe.status}`) };
  const route = check.route;
  switch (route.via) {
    case "off":
      return { ...base, via: "off" };
    case "fails":
      return { ...base, via: "fails", name: config.name, reason: redactProxyList(route.reason) };
    case "proxy": {
      const served = route.proxiesAsked[route.proxiesAsked.length - 1];
      const index = served === void 0 ? -1 : entryUrls.indexOf(served);
      return { ...base, via: "proxy", name: config.name, url: route.baseUrl === null ? null : redactProxyList(route.baseUrl), throughHop: index < 0 ? null : index, verdict };
    }
    default:
      return { ...base, via: route.via, name: config.name, url: route.baseUrl === null ? null : redactProxyList(route.baseUrl), verdict };
  }
}
__name(checksumRoute, "checksumRoute");
function routeSection(facts) {
  const model = buildRouteModel(facts);
  return { heading: "Route", body: model === null ? "> No route to draw: GOPROXY is invalid, so the go command contacts nothing (see Problems).\n" : routeSummaryBody(model) };
}
__name(routeSection, "routeSection");

// src/main.ts
var POST_ALWAYS_ENV = "SETUP_GOPROXY_POST_ALWAYS";
var EXPORTED_ALWAYS = ["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB"];
async function runMain() {
  try {
    checkInputLimits(process.env);
    registerSecrets(process.env);
    const inputs = readInputs();
    await configure(inputs);
  } catch (error) {
    if (error instanceof InputError || error instanceof EnvFileError || error instanceof UsageError) {
      setFailed(error.message);
      return;
    }
    if (error instanceof Error && error.stack !== void 0) debug(redactForDisplay(error.stack));
    setFailed(`setup-goproxy failed unexpectedly: ${displayText(error instanceof Error ? error.message : String(error))}. This is a bug in the action, not in your configuration: please report it with this log (re-run with debug logging for the stack trace), and set probe: false / cache: false to work around the failing part meanwhile.`);
  }
}
__name(runMain, "runMain");
var UsageError = class extends Error {
  static {
    __name(this, "UsageError");
  }
};
function registerSecrets(env) {
  const inputs = [...Object.values(INPUT_FOR_VARIABLE), "fallback-proxies"];
  const texts = [...CONFIGURED_VARIABLES.map((name) => env[name] ?? ""), ...inputs.map((input) => env[`INPUT_${input.toUpperCase()}`] ?? "")];
  for (const text of texts) for (const secret of proxyListSecrets(text)) setSecret(secret);
}
__name(registerSecrets, "registerSecrets");
async function configure(inputs) {
  const buildCacheInputs = readBuildCacheInputs();
  const toolchainInputs = readToolchainInputs();
  const workspace = process.env["GITHUB_WORKSPACE"] || process.cwd();
  const workingDirectory = path7.resolve(workspace, inputs.workingDirectory);
  const resolvedDirectory = await resolveInWorkspace(workspace, workingDirectory);
  if (!resolvedDirectory.ok || !await isDirectory(resolvedDirectory.real)) {
    throw new UsageError(`Input 'working-directory' names '${displayValue(inputs.workingDirectory)}', which is not a directory under the workspace${resolvedDirectory.ok ? "" : ` (${resolvedDirectory.detail})`}. Give the directory that holds go.mod or go.work, relative to the repository root.`);
  }
  if (inputs.goauth !== "") {
    process.env["GOAUTH"] = inputs.goauth;
    exportVariable("GOAUTH", inputs.goauth);
  }
  const proxyInputs = readLocalProxyInputs();
  const settings = await collectSettings({ inputs: inputs.variables, env: process.env, workspace, workingDirectory, envFilePath: inputs.envFile });
  for (const resolved of Object.values(settings.effective)) for (const secret of proxyListSecrets(resolved.value)) setSecret(secret);
  const value = /* @__PURE__ */ __name((name) => settings.effective[name].value, "value");
  const workspaceInfo = await discoverWorkspace(workingDirectory, workspace, { goworkEnv: process.env["GOWORK"] ?? "" });
  const { sumdbLint, routes, problems: analysed } = analyseConfiguration(settings, workspaceInfo);
  const problems = analysed.map((problem) => problem.variable === "GOAUTH" && inputs.goauth !== "" ? { ...problem, setIn: "input" } : problem);
  const credentialOptions = {
    gitToken: inputs.gitToken,
    gitTokenHosts: inputs.gitTokenHosts,
    netrc: inputs.netrc,
    goproxy: value("GOPROXY"),
    goprivate: value("GOPRIVATE"),
    gonoproxy: value("GONOPROXY"),
    goVersion: settings.go?.version ?? null,
    env: process.env,
    required: routes.map((route2) => ({ path: route2.path, version: route2.version, goModFile: route2.goModFile, line: route2.line, viaProxy: route2.viaProxy })),
    checkTimeoutMs: inputs.probeTimeoutSeconds * 1e3
  };
  const credentials = await setUpCredentials({ ...credentialOptions, onState: saveCleanupState });
  problems.push(...credentials.problems);
  if (inputs.probe) problems.push(...await checkPrivateModules(credentialOptions));
  const proxyContext = localProxyContext(proxyInputs.inputs, [credentials.goproxy, inputs.fallbacks.map((entry2) => entry2.url).join(",")], credentials.netrcEntries);
  const localProxyPhase = proxyInputs.inputs.clientCertificate !== null || proxyInputs.inputs.serveModules ? await import("./chunks/phase-KE2MJ76F.js") : null;
  let localProxy = applyLocalProxy(localProxyPhase === null ? noLocalProxy(credentials.goproxy) : await localProxyPhase.startBridge(proxyContext, credentials.goproxy, value("GONOPROXY")));
  problems.push(...proxyInputs.problems, ...localProxy.problems);
  const probe = await probePhase(inputs, settings, localProxy.goproxy, sumdbLint.parse, routes, credentials.netrcEntries);
  problems.push(...probe.problems);
  const toolchain = await runToolchainPhase({
    goVersion: inputs.goVersion,
    goVersionFile: inputs.goVersionFile,
    workspace,
    workingDirectory,
    localGo: settings.go === null ? null : { binary: settings.go.binary, version: settings.go.version.replace(/^go/, "") },
    // Toolchains are for the host: GOHOSTOS/GOHOSTARCH, never a cross-compiling job's GOOS/GOARCH.
    ...toolchainPlatform(settings.go),
    checkLatest: toolchainInputs.checkLatest,
    env: { ...process.env, ...effectiveValues(settings), GOPROXY: probe.goproxy },
    goproxy: probe.goproxy,
    gosumdb: value("GOSUMDB"),
    gonosumdb: value("GONOSUMDB"),
    goModLines: goVersionLines(workspaceInfo),
    budgetMs: inputs.probeTimeoutSeconds * 1e3
  });
  problems.push(...toolchain.problems);
  const workflow = await locateWorkflowFile(process.env);
  const locateContext = {
    sources: Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, settings.effective[name].source])),
    envFile: settings.envFile,
    workflow,
    hint: stepHint(process.env),
    inputFor: INPUT_FOR_VARIABLE
  };
  const located = sortProblems(problems.map((problem) => locateProblem(problem, locateContext)));
  const exported = { ...effectiveValues(settings), GOPROXY: probe.goproxy };
  exportVariables(exported, inputs);
  for (const [name, envValue] of Object.entries(toolchain.exportEnv)) exportVariable(name, envValue);
  if (toolchain.addPath !== null) addPath(toolchain.addPath);
  const container = await writeContainerOutputs({
    values: exported,
    netrcEntries: credentials.managedNetrcEntries,
    env: process.env,
    beforeWrite: /* @__PURE__ */ __name((state, holdsSecrets) => {
      for (const [key, stateValue] of Object.entries(state)) saveState(key, stateValue);
      if (holdsSecrets) exportVariable(POST_ALWAYS_ENV, "true");
    }, "beforeWrite")
  });
  setOutput("env-file", container.envFile);
  setOutput("build-args", container.buildArgs);
  setOutput("netrc-file", container.netrcFile);
  setOutput("go-version", toolchain.goVersion ?? "");
  setOutput("go-path", toolchain.goPath ?? "");
  const cacheContext = {
    workspace,
    workingDirectory,
    exported,
    toolchain,
    goBinary: toolchain.goPath ?? settings.go?.binary ?? null,
    // GOMODCACHE depends on GOPATH, not on anything this action sets: reuse the first answer
    // unless another go was installed meanwhile.
    gomodcache: toolchain.addPath === null && settings.go !== null && settings.go.gomodcache !== "" ? settings.go.gomodcache : void 0,
    alternatives: probe.alternatives,
    configErrors: located.some((problem) => problem.severity === "error") && inputs.failOn !== "never",
    workspaceInfo
  };
  const buildEnv = buildCacheInputs.enabled && !cacheContext.configErrors && cacheContext.goBinary !== null ? readBuildEnv(cacheContext.goBinary, cacheEnv(cacheContext), workingDirectory) : void 0;
  const cache = await cachePhase(inputs, cacheContext);
  for (const [key, stateValue] of Object.entries(cache.state)) saveState(key, stateValue);
  if (inputs.cache && inputs.save === "always") exportVariable(POST_ALWAYS_ENV, "true");
  const buildCache = await buildCachePhase(inputs, buildCacheInputs, { ...cacheContext, gomodcachePreexisting: cache.gomodcachePreexisting, buildEnv });
  for (const [key, stateValue] of Object.entries(buildCache.state)) saveState(key, stateValue);
  if (buildCache.postAlways) exportVariable(POST_ALWAYS_ENV, "true");
  setOutput("build-cache-hit", buildCache.hit);
  setOutput("build-cache-key", buildCache.key ?? "");
  setOutput("build-cache-matched-key", buildCache.matchedKey ?? "");
  setOutput("gocache", buildCache.gocache ?? "");
  const bridgeProblems = localProxy.problems.length;
  if (localProxyPhase !== null) localProxy = applyLocalProxy(await localProxyPhase.startServing(proxyContext, localProxy, { gomodcache: cache.gomodcache ?? settings.go?.gomodcache ?? "", fallback: exported.GOPROXY, gonoproxy: value("GONOPROXY") }));
  setOutput("module-proxy", localProxy.result.moduleProxy);
  const allProblems = capProblems(sortProblems([...located, ...[...container.problems, ...cache.problems, ...buildCache.problems, ...localProxy.problems.slice(bridgeProblems)].map((problem) => locateProblem(problem, locateContext))]).map(redactProblem));
  setOutput("cache-hit", cache.hit);
  setOutput("cache-key", cache.key ?? "");
  setOutput("cache-matched-key", cache.matchedKey ?? "");
  setOutput("gomodcache", cache.gomodcache ?? "");
  setOutput("modules-downloaded", String(cache.modulesDownloaded));
  setOutputs(exported, routes, allProblems, probe);
  emitAnnotations(allProblems);
  const loopback = loopbackRouteOf(localProxy.result, probe.goproxy, value("GONOPROXY"));
  const route = routeSection({ goproxy: probe.goproxy, gonoproxy: value("GONOPROXY"), gonosumdb: value("GONOSUMDB"), gosumdb: sumdbLint.parse.ok ? sumdbLint.parse.config : null, probe: probe.route, ...loopback === void 0 ? {} : { loopback } });
  await writeSummary(settings, exported, routes, allProblems, [
    route,
    ...probe.summaryBody === null ? [] : [{ heading: "Proxy probe", body: probe.summaryBody }],
    ...credentials.summaryBody.trim() === "" ? [] : [{ heading: "Credentials", body: credentials.summaryBody }],
    ...toolchain.summaryBody === "" ? [] : [{ heading: "Go toolchain", body: toolchain.summaryBody }],
    ...cache.summaryBody.trim() === "" ? [] : [{ heading: "Module cache", body: cache.summaryBody }],
    ...buildCache.summaryBody.trim() === "" ? [] : [{ heading: "Build cache", body: buildCache.summaryBody }],
    ...localProxy.result.url === null ? [] : [{ heading: "Loopback proxy", body: localProxySummary(localProxy.result) }]
  ]);
  if (toolchainInputs.problemMatcher) saveState(PROBLEM_MATCHER_STATE_KEY, (await registerGoProblemMatchers()).state);
  failIfNeeded(allProblems, inputs.failOn);
}
__name(configure, "configure");
function readLocalProxyInputs() {
  const clientKey = getInput("client-key");
  for (const line of pemSecretLines(clientKey)) if (line !== "") setSecret(line);
  return parseLocalProxyInputs({
    clientCertificate: getInput("client-certificate"),
    clientKey,
    clientCertificateProxies: getInput("client-certificate-proxies"),
    serveModules: getInput("serve-modules")
  });
}
__name(readLocalProxyInputs, "readLocalProxyInputs");
function localProxyContext(inputs, proxyLists, netrc) {
  const script = path7.join(path7.dirname(process.argv[1] ?? ""), "proxy.js");
  return { inputs, proxyLists, netrc, env: process.env, runnerTemp: process.env["RUNNER_TEMP"] || tmpdir2(), command: { file: process.execPath, args: [script] }, platform: process.platform };
}
__name(localProxyContext, "localProxyContext");
function applyLocalProxy(start) {
  for (const secret of start.secrets) setSecret(secret);
  for (const [key, stateValue] of Object.entries(start.state)) saveState(key, stateValue);
  if (start.running !== null) exportVariable(POST_ALWAYS_ENV, "true");
  return start;
}
__name(applyLocalProxy, "applyLocalProxy");
function saveCleanupState(state) {
  for (const [key, stateValue] of Object.entries(state)) saveState(key, stateValue);
  exportVariable(POST_ALWAYS_ENV, "true");
}
__name(saveCleanupState, "saveCleanupState");
function analyseConfiguration(settings, workspaceInfo) {
  const value = /* @__PURE__ */ __name((name) => settings.effective[name].value, "value");
  const proxyLint = lintGoproxy({ goproxy: value("GOPROXY"), gonoproxy: value("GONOPROXY"), goprivate: value("GOPRIVATE") });
  const sumdbLint = lintGosumdb(value("GOSUMDB"));
  const sumdbOff = sumdbLint.parse.ok && sumdbLint.parse.config.kind === "off";
  const routes = routeModules(
    // A `replace` by another module means go downloads that one instead: route the replacement.
    requiredModules(workspaceInfo).map((module) => ({
      path: module.replacement?.path ?? module.path,
      version: module.replacement?.version ?? module.version,
      goModFile: module.goModFile,
      line: module.line
    })),
    { GOPRIVATE: value("GOPRIVATE"), GONOPROXY: value("GONOPROXY"), GONOSUMDB: value("GONOSUMDB"), sumdbOff }
  );
  const ownModulePaths = workspaceInfo.modules.flatMap((module) => module.file.module === null ? [] : [module.file.module.path]);
  const problems = [
    ...goDiscoveryProblems(settings),
    ...proxyLint.problems,
    ...sumdbLint.problems,
    // A list derived from GOPRIVATE is GOPRIVATE's text: lint it once, where it was written.
    ...PATTERN_VARIABLES.filter((variable) => settings.effective[variable].source !== "from-GOPRIVATE").flatMap((variable) => [...lintPatternList(variable, value(variable)), ...lintBlankPatternValue(variable, value(variable))]),
    ...lintGoEnvironmentQuirks(process.env, settings.go?.version ?? null),
    ...lintGoauth(process.env["GOAUTH"] ?? ""),
    ...lintGoflags(value("GOFLAGS")),
    ...lintEmptyOverrides(settings.emptySettings, Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, value(name)]))),
    ...lintRouting(routes, { GOPRIVATE: value("GOPRIVATE"), GONOPROXY: value("GONOPROXY"), GONOSUMDB: value("GONOSUMDB"), sumdbOff }, ownModulePaths),
    ...workspaceInfo.issues.map((issue) => ({
      severity: "warning",
      code: "WORKSPACE_FILE_PROBLEM",
      message: issue.message,
      fix: "Run `go mod tidy` (or fix the go.work `use` list) so the go command can read the workspace.",
      ...issue.file ? { file: issue.file } : {},
      ...issue.line ? { line: issue.line } : {}
    }))
  ];
  return { sumdbLint, routes, problems };
}
__name(analyseConfiguration, "analyseConfiguration");
async function probePhase(inputs, settings, goproxy, sumdbParse, routes, netrc) {
  const skipped = { goproxy, problems: [], changed: false, resultsJson: "[]", summaryBody: null, alternatives: [], route: null };
  if (!inputs.probe) return { ...skipped, summaryBody: "> Probing is off (`probe: false`).\n" };
  const proxyParse = parseProxyList(goproxy, settings.effective.GONOPROXY.value);
  if (!proxyParse.ok) return { ...skipped, summaryBody: "> Not probed: GOPROXY is invalid (see Problems).\n" };
  const { runProbePhase } = await import("./chunks/phase-3S2USUQ5.js");
  const phase = await runProbePhase({
    goproxy,
    parse: proxyParse,
    fallbacks: inputs.fallbacks,
    gonoproxy: settings.effective.GONOPROXY.value,
    goprivate: settings.effective.GOPRIVATE.value,
    sumdb: sumdbParse.ok ? sumdbParse.config : null,
    onUnreachable: inputs.onUnreachable,
    budgetMs: inputs.probeTimeoutSeconds * 1e3,
    env: process.env,
    routes,
    netrc
  });
  return {
    goproxy: phase.decision.goproxy,
    problems: phase.problems,
    changed: phase.decision.changed,
    resultsJson: JSON.stringify(probeResultsOutput(phase.results, phase.sumdb)),
    summaryBody: probeSummaryBody(goproxy, phase.results, phase.decision, phase.sumdb),
    alternatives: phase.alternatives,
    route: { results: phase.results, sumdb: phase.sumdb, removed: phase.decision.removed }
  };
}
__name(probePhase, "probePhase");
function effectiveValues(settings) {
  return Object.fromEntries(CONFIGURED_VARIABLES.map((name) => [name, settings.effective[name].value]));
}
__name(effectiveValues, "effectiveValues");
async function isDirectory(dir) {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
__name(isDirectory, "isDirectory");
function goDiscoveryProblems(settings) {
  if (settings.goProblem !== null) {
    return [{ severity: "warning", code: "GO_ENV_FAILED", message: `${settings.goProblem}; values were resolved without the go env file and $GOROOT/go.env.`, fix: "Check the go installation on PATH (run `go env` in a step before this one)." }];
  }
  if (settings.go === null) {
    return [{ severity: "notice", code: "GO_NOT_FOUND", message: "No go binary on PATH: defaults are Go's built-in ones (GOPROXY=https://proxy.golang.org,direct, GOSUMDB=sum.golang.org); no `go env -w` file was read.", fix: "Run actions/setup-go (with cache: false) before this action if later steps install Go, so the values are checked against that Go." }];
  }
  return [];
}
__name(goDiscoveryProblems, "goDiscoveryProblems");
function stepHint(env) {
  const action = env["GITHUB_ACTION"] ?? "";
  const actionRepository = env["GITHUB_ACTION_REPOSITORY"] ?? "";
  return {
    ...env["GITHUB_JOB"] ? { job: env["GITHUB_JOB"] } : {},
    ...action !== "" && !action.startsWith("__") ? { stepId: action } : {},
    actionRefSubstrings: ["setup-goproxy", "./", ...actionRepository === "" ? [] : [actionRepository]]
  };
}
__name(stepHint, "stepHint");
function exportVariables(exported, inputs) {
  for (const name of CONFIGURED_VARIABLES) {
    const given = inputs.variables[name] !== void 0;
    if (EXPORTED_ALWAYS.includes(name) || given) exportVariable(name, exported[name]);
  }
}
__name(exportVariables, "exportVariables");
function setOutputs(exported, routes, problems, probe) {
  for (const name of EXPORTED_ALWAYS) setOutput(name.toLowerCase(), redactProxyList(exported[name]));
  setOutput("private-modules", JSON.stringify(uniquePaths(routes, (route) => !route.viaProxy)));
  setOutput("nosumdb-modules", JSON.stringify(uniquePaths(routes, (route) => !route.checkedBySumdb)));
  setOutput("problems", JSON.stringify(problems.map(problemForOutput)));
  setOutput("probe-results", probe.resultsJson);
  setOutput("proxy-changed", String(probe.changed));
}
__name(setOutputs, "setOutputs");
function variableStatus(name, problems) {
  const mine = problems.filter((problem) => problem.variable === name);
  for (const severity of ["error", "warning", "notice"]) if (mine.some((problem) => problem.severity === severity)) return severity;
  return "ok";
}
__name(variableStatus, "variableStatus");
async function writeSummary(settings, exported, routes, problems, sections) {
  if (!process.env["GITHUB_STEP_SUMMARY"]) return;
  const goDescription = settings.go === null ? "No go binary on PATH." : `${settings.go.version} at ${settings.go.binary}.`;
  const text = renderSummary({
    title: "setup-goproxy",
    goDescription,
    variables: CONFIGURED_VARIABLES.map((name) => ({
      name,
      value: redactProxyList(settings.effective[name].value),
      exported: redactProxyList(exported[name]),
      source: describeSource(settings.effective[name].source, name, settings),
      status: variableStatus(name, problems)
    })),
    problems,
    modules: routes,
    sections
  });
  await summary.addRaw(redactForDisplay(text)).write();
}
__name(writeSummary, "writeSummary");
function failIfNeeded(problems, failOn) {
  if (failOn === "never") return;
  const threshold = failOn;
  const failing = problems.filter((problem) => severityAtLeast(problem.severity, threshold));
  if (failing.length === 0) return;
  const first = failing[0];
  setFailed(`${failing.length} problem(s) at or above '${threshold}' (fail-on: ${failOn}). First: ${first?.code}: ${first?.message}`);
}
__name(failIfNeeded, "failIfNeeded");
async function cachePhase(inputs, context) {
  const skipped = /* @__PURE__ */ __name((summaryBody) => ({ hit: "false", key: null, matchedKey: null, gomodcache: null, gomodcachePreexisting: false, modulesDownloaded: 0, failures: [], problems: [], summaryBody, state: {} }), "skipped");
  if (!inputs.cache && !inputs.download) return skipped("> Off (`cache: false`, `download: false`).\n");
  if (context.configErrors) return skipped("> Skipped: the configuration errors above fail this step, so modules were not downloaded or cached.\n");
  const { runModuleCacheMain } = await import("./chunks/phase-ZXFZP4K4.js");
  return runModuleCacheMain({
    enabled: inputs.cache,
    dependencyPath: inputs.cacheDependencyPath,
    keyPrefix: inputs.cacheKeyPrefix || DEFAULT_KEY_PREFIX,
    download: inputs.download,
    save: inputs.save,
    crossOs: inputs.crossOs,
    retries: inputs.retries,
    verify: inputs.verify,
    workingDirectory: context.workingDirectory,
    workspace: context.workspace,
    goBinary: context.goBinary,
    ...context.gomodcache === void 0 ? {} : { gomodcache: context.gomodcache },
    env: cacheEnv(context),
    // Discovered once, at the start of the step.
    workspaceInfo: context.workspaceInfo,
    healthyProxies: context.alternatives
  });
}
__name(cachePhase, "cachePhase");
function cacheEnv(context) {
  const pathDirs = context.toolchain.addPath === null ? [] : [context.toolchain.addPath];
  return prependPath({ ...process.env, ...context.exported, ...context.toolchain.exportEnv }, pathDirs);
}
__name(cacheEnv, "cacheEnv");
async function buildCachePhase(inputs, buildInputs, context) {
  const skipped = /* @__PURE__ */ __name((summaryBody) => ({ hit: "false", key: null, matchedKey: null, gocache: null, problems: [], summaryBody, state: {}, postAlways: false }), "skipped");
  if (!buildInputs.enabled) return skipped("> Off (`build-cache: false`).\n");
  if (context.configErrors) return skipped("> Skipped: the configuration errors above fail this step.\n");
  const { runBuildCacheMain } = await import("./chunks/phase-64NO7T3Z.js");
  return runBuildCacheMain({
    inputs: buildInputs,
    keyPrefix: inputs.cacheKeyPrefix,
    goBinary: context.goBinary,
    env: cacheEnv(context),
    workingDirectory: context.workingDirectory,
    gomodcachePreexisting: context.gomodcachePreexisting,
    ...context.buildEnv === void 0 ? {} : { buildEnv: context.buildEnv }
  });
}
__name(buildCachePhase, "buildCachePhase");

// src/entry/main.ts
await runMain();
