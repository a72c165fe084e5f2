/*
 * Parses a source text with tree-sitter and hands the whole tree to JavaScript in one call, as a
 * flat array of node records in document order (see src/languages/native.ts for the layout).
 *
 * Reading a tree node by node through the tree-sitter Node binding costs a call into C++ for every
 * property of every node; on large projects that walk cost as much as parsing itself. Here the walk
 * runs in C and JavaScript reads plain integers. The tree is deleted before the call returns, so no
 * native memory outlives it and nothing waits for a garbage collection to free it.
 *
 * The grammars come from their npm packages (each exports its TSLanguage as a napi External); the
 * tree-sitter runtime is compiled from the sources the `tree-sitter` package ships.
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#define WORDS_PER_NODE 4
#define FLAG_NAMED 1u
#define FLAG_MISSING 2u
/* The symbol tree-sitter gives ERROR nodes (ts_builtin_sym_error, not in its public header). */
#define TS_ERROR_SYMBOL ((TSSymbol)-1)

typedef struct {
  TSParser *parser;
} Instance;

typedef struct {
  uint32_t *data;
  size_t len;
  size_t cap;
} Records;

static int grow(Records *r) {
  size_t cap = r->cap ? r->cap * 2 : 4096;
  uint32_t *data = realloc(r->data, cap * sizeof(uint32_t));
  if (!data) return 0;
  r->data = data;
  r->cap = cap;
  return 1;
}

/* One record per node: symbol | field << 16 | flags << 24, child count, start, end (UTF-16 units).
 * ERROR nodes get the symbol one past the grammar's own, where `symbols` names them.
 * Children of anonymous nodes and of `leaf` symbols are not walked and their count is written as 0:
 * nothing reads inside tokens. */
static int emit(Records *r, TSTreeCursor *cursor, const uint8_t *leaf, size_t leaf_len, uint32_t error_symbol) {
  for (;;) {
    if (r->len + WORDS_PER_NODE > r->cap && !grow(r)) return 0;
    TSNode node = ts_tree_cursor_current_node(cursor);
    TSSymbol raw = ts_node_symbol(node);
    uint32_t symbol = raw == TS_ERROR_SYMBOL ? error_symbol : raw;
    uint32_t flags = (ts_node_is_named(node) ? FLAG_NAMED : 0) | (ts_node_is_missing(node) ? FLAG_MISSING : 0);
    uint32_t field = ts_tree_cursor_current_field_id(cursor);
    int is_leaf = !(flags & FLAG_NAMED) || (symbol < leaf_len && leaf[symbol]);
    uint32_t *out = r->data + r->len;
    out[0] = symbol | (field & 0xffu) << 16 | flags << 24;
    out[1] = is_leaf ? 0 : ts_node_child_count(node);
    out[2] = ts_node_start_byte(node) / 2;
    out[3] = ts_node_end_byte(node) / 2;
    r->len += WORDS_PER_NODE;
    if (!is_leaf && ts_tree_cursor_goto_first_child(cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(cursor)) {
      if (!ts_tree_cursor_goto_parent(cursor)) return 1;
    }
  }
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* The tag grammar packages put on their language External ("tree-sitter", "language" hashed with
 * BLAKE2, as in their bindings): anything else is refused rather than read as a TSLanguage. */
static const napi_type_tag LANGUAGE_TYPE_TAG = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

static TSLanguage *language_of(napi_env env, napi_value value) {
  bool tagged = false;
  if (napi_check_object_type_tag(env, value, &LANGUAGE_TYPE_TAG, &tagged) != napi_ok || !tagged) return NULL;
  void *language = NULL;
  if (napi_get_value_external(env, value, &language) != napi_ok) return NULL;
  return language;
}

/* parse(language: External, text: string, leaf: Uint8Array): ArrayBuffer of node records. */
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 3) return fail(env, "parse(language, text, leaf) needs three arguments");
  TSLanguage *language = language_of(env, argv[0]);
  if (!language) return fail(env, "parse: the first argument is not a tree-sitter language");
  if (ts_language_field_count(language) > 0xff) return fail(env, "parse: the grammar has more fields than a node record holds");

  uint8_t *leaf = NULL;
  size_t leaf_len = 0;
  napi_typedarray_type leaf_type;
  if (napi_get_typedarray_info(env, argv[2], &leaf_type, &leaf_len, (void **)&leaf, NULL, NULL) != napi_ok ||
      leaf_type != napi_uint8_array) {
    return fail(env, "parse: the third argument is not a Uint8Array");
  }

  size_t length = 0;
  if (napi_get_value_string_utf16(env, argv[1], NULL, 0, &length) != napi_ok) {
    return fail(env, "parse: the second argument is not a string");
  }
  char16_t *text = malloc((length + 1) * sizeof(char16_t));
  if (!text) return fail(env, "parse: out of memory");
  napi_get_value_string_utf16(env, argv[1], text, length + 1, &length);

  Instance *instance = NULL;
  napi_get_instance_data(env, (void **)&instance);
  if (!ts_parser_set_language(instance->parser, language)) {
    free(text);
    return fail(env, "parse: the language's ABI version is not supported by this tree-sitter runtime");
  }
  TSTree *tree = ts_parser_parse_string_encoding(instance->parser, NULL, (const char *)text,
                                                 (uint32_t)(length * sizeof(char16_t)), TSInputEncodingUTF16LE);
  free(text);
  if (!tree) return fail(env, "parse: tree-sitter returned no tree");

  Records records = {0};
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  int ok = emit(&records, &cursor, leaf, leaf_len, ts_language_symbol_count(language));
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  if (!ok) {
    free(records.data);
    return fail(env, "parse: out of memory");
  }

  napi_value buffer;
  void *bytes = NULL;
  napi_status status = napi_create_arraybuffer(env, records.len * sizeof(uint32_t), &bytes, &buffer);
  if (status == napi_ok) memcpy(bytes, records.data, records.len * sizeof(uint32_t));
  free(records.data);
  if (status != napi_ok) return fail(env, "parse: out of memory");
  return buffer;
}

static napi_value string_array(napi_env env, uint32_t count, const char *(*name)(const TSLanguage *, uint32_t),
                               const TSLanguage *language) {
  napi_value array;
  napi_create_array_with_length(env, count, &array);
  for (uint32_t i = 0; i < count; i++) {
    const char *s = name(language, i);
    napi_value value;
    if (s) napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &value);
    else napi_get_undefined(env, &value);
    napi_set_element(env, array, i, value);
  }
  return array;
}

static const char *symbol_name(const TSLanguage *language, uint32_t symbol) {
  return ts_language_symbol_name(language, (TSSymbol)symbol);
}

static const char *field_name(const TSLanguage *language, uint32_t field) {
  return field == 0 ? NULL : ts_language_field_name_for_id(language, (TSFieldId)field);
}

/* symbols(language): { types: string[], fields: (string | undefined)[] }, indexed by symbol (and
 * ERROR one past the grammar's symbols, as `parse` numbers it) and by field id. */
static napi_value symbols(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  TSLanguage *language = argc < 1 ? NULL : language_of(env, argv[0]);
  if (!language) return fail(env, "symbols: the argument is not a tree-sitter language");
  napi_value result;
  napi_create_object(env, &result);
  uint32_t count = ts_language_symbol_count(language);
  napi_value types = string_array(env, count, symbol_name, language);
  napi_value error;
  napi_create_string_utf8(env, "ERROR", NAPI_AUTO_LENGTH, &error);
  napi_set_element(env, types, count, error);
  napi_set_named_property(env, result, "types", types);
  napi_set_named_property(env, result, "fields",
                          string_array(env, ts_language_field_count(language) + 1, field_name, language));
  return result;
}

static void finalize_instance(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Instance *instance = data;
  ts_parser_delete(instance->parser);
  free(instance);
}

NAPI_MODULE_INIT() {
  Instance *instance = malloc(sizeof(Instance));
  if (!instance) return NULL;
  instance->parser = ts_parser_new();
  napi_set_instance_data(env, instance, finalize_instance, NULL);
  napi_property_descriptor properties[] = {
      {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
      {"symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  return exports;
}
