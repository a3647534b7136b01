/* exit.h - ogistat's documented exit codes. Only main() exits with these. */
#ifndef OGISTAT_EXIT_H
#define OGISTAT_EXIT_H

enum ogi_exit {
    EXIT_OK = 0,     /* everything parsed / passed */
    EXIT_DATA = 1,   /* some input failed to parse or was flagged */
    EXIT_USAGE = 2,  /* bad command line */
    EXIT_IO = 3      /* I/O or system error (write failure, out of memory, library failure) */
};

#endif
