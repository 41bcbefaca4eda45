/*
 * tree-sitter's C library parsing every file of a folder on one thread, with no JavaScript in the
 * way: the floor under node tree-sitter's parse (docs/benchmarks.md, eighth round). Built and run
 * by run.sh from the sources npm installed. Encoding: 8 reads the bytes as UTF-8 (what ast-grep
 * does), 16 widens each byte to a UTF-16 code unit (what node tree-sitter hands the parser; exact
 * for ASCII text, the same amount of work otherwise).
 */
#include <tree_sitter/api.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const TSLanguage *tree_sitter_python(void);

static char *read_all(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *length = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *bytes = malloc(*length + 1);
  if (fread(bytes, 1, *length, f) != *length) *length = 0;
  fclose(f);
  return bytes;
}

int main(int argc, char **argv) {
  if (argc != 3 || (strcmp(argv[2], "8") && strcmp(argv[2], "16"))) {
    fprintf(stderr, "usage: parse DIR 8|16\n");
    return 2;
  }
  int utf16 = !strcmp(argv[2], "16");
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  DIR *dir = opendir(argv[1]);
  if (!dir) { perror(argv[1]); return 1; }
  struct dirent *entry;
  char path[4096];
  long files = 0, units = 0;
  while ((entry = readdir(dir))) {
    size_t n = strlen(entry->d_name);
    if (n < 3 || strcmp(entry->d_name + n - 3, ".py")) continue;
    snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
    size_t length;
    char *bytes = read_all(path, &length);
    if (!bytes) continue;
    TSTree *tree;
    if (utf16) {
      unsigned short *wide = malloc(2 * length + 2);
      for (size_t i = 0; i < length; i++) wide[i] = (unsigned char)bytes[i];
      tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)wide, (uint32_t)(2 * length), TSInputEncodingUTF16LE);
      free(wide);
    } else {
      tree = ts_parser_parse_string(parser, NULL, bytes, (uint32_t)length);
    }
    units += ts_node_end_byte(ts_tree_root_node(tree)) >> utf16;
    files++;
    ts_tree_delete(tree);
    free(bytes);
  }
  closedir(dir);
  ts_parser_delete(parser);
  printf("%ld files, %ld characters parsed (UTF-%s)\n", files, units, argv[2]);
  return 0;
}
