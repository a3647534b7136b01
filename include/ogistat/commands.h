/* commands.h - the subcommands' entry points (argc/argv as after "ogistat"), for the
 * dispatch table in main.c and for `report`, which runs the others in one go. Each
 * returns an exit status (exit.h) and never exits itself. */
#ifndef OGISTAT_COMMANDS_H
#define OGISTAT_COMMANDS_H

#include <stdio.h>

int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_agg(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_report(int argc, char **argv);
void usage_report(FILE *fp);

#endif
