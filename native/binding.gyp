{
  # The parser addon (tree_export.c) with tree-sitter's runtime, compiled from the sources the
  # `tree-sitter` package ships: the same runtime version the grammar packages are built for.
  "variables": {
    "tree_sitter%": "<!(node -p \"require('path').relative('.', require('path').dirname(require.resolve('tree-sitter/package.json')))\")"
  },
  "targets": [
    {
      "target_name": "tree_export",
      "sources": [
        "tree_export.c",
        "<(tree_sitter)/vendor/tree-sitter/lib/src/lib.c"
      ],
      "include_dirs": [
        "<(tree_sitter)/vendor/tree-sitter/lib/src",
        "<(tree_sitter)/vendor/tree-sitter/lib/include"
      ],
      "defines": ["_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE", "NAPI_VERSION=8"],
      "cflags_c": ["-std=c11", "-fvisibility=hidden"]
    }
  ]
}
