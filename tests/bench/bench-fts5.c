/* bench-fts5.c: the same query set against SQLite FTS5 (bm25 order, top 10, rows read). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "stats.h"

int main(int argc, char **argv)
{
    /* each line: MATCH-expression <TAB> first date <TAB> last date (YYYYMMDD, or empty) */
    char *match[1000], *lo[1000], *hi[1000], line[2048];
    size_t nq = 0;
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    sqlite3 *db;
    if (argc < 3 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: bench-fts5 DB QUERIES [ROUNDS]\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    while (nq < 1000 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *a = strtok(line, "\t"), *b = strtok(NULL, "\t"), *c = strtok(NULL, "\t");
        match[nq] = strdup(a ? a : "");
        lo[nq] = strdup(b ? b : "00000000");
        hi[nq] = strdup(c ? c : "99999999");
        nq++;
    }
    fclose(f);
    double *t = malloc(sizeof *t * nq * (size_t)rounds);
    size_t nt = 0, hits = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < nq; i++) {
            sqlite3_stmt *st;
            double t0 = now_us();
            const char *sql = "SELECT title, body FROM a WHERE a MATCH ?1 AND date BETWEEN ?2 AND ?3 "
                              "ORDER BY rank LIMIT 10";
            if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
                fprintf(stderr, "bench-fts5: %s\n", sqlite3_errmsg(db));
                return 2;
            }
            sqlite3_bind_text(st, 1, match[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, lo[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, hi[i], -1, SQLITE_STATIC);
            size_t bytes = 0;
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                bytes += (size_t)sqlite3_column_bytes(st, 0) + (size_t)sqlite3_column_bytes(st, 1);
            if (rc != SQLITE_DONE) {
                fprintf(stderr, "bench-fts5: %s: %s\n", match[i], sqlite3_errmsg(db));
                return 2;
            }
            sqlite3_finalize(st);
            if (r > 0 && bytes != (size_t)-1)
                t[nt++] = now_us() - t0;
            if (r == 0) { /* how many match, counted outside the timing */
                sqlite3_stmt *c;
                sqlite3_prepare_v2(db, "SELECT count(*) FROM a WHERE a MATCH ?1 AND date BETWEEN ?2 AND ?3",
                                   -1, &c, NULL);
                sqlite3_bind_text(c, 1, match[i], -1, SQLITE_STATIC);
                sqlite3_bind_text(c, 2, lo[i], -1, SQLITE_STATIC);
                sqlite3_bind_text(c, 3, hi[i], -1, SQLITE_STATIC);
                if (sqlite3_step(c) == SQLITE_ROW)
                    hits += (size_t)sqlite3_column_int64(c, 0);
                sqlite3_finalize(c);
            }
        }
    }
    int ok = report(t, nt, nq, hits);
    sqlite3_close(db);
    return ok ? 0 : 2;
}
