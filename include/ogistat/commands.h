/* commands.h - the subcommands' entry points (argc/argv as after "ogistat"), for the
 * dispatch table in main.c and for `report`, which runs the others in one go. Each
 * returns an exit status (exit.h) and never exits itself. */
#ifndef OGISTAT_COMMANDS_H
#define OGISTAT_COMMANDS_H

#include <stdio.h>

int cmd_parse(int argc, char **argv);
void usage_parse(FILE *fp);
int cmd_check(int argc, char **argv);
void usage_check(FILE *fp);
int cmd_metrics(int argc, char **argv);
void usage_metrics(FILE *fp);
int cmd_regions(int argc, char **argv);
void usage_regions(FILE *fp);
int cmd_indicators(int argc, char **argv);
void usage_indicators(FILE *fp);
int cmd_agg(int argc, char **argv);
void usage_agg(FILE *fp);
int cmd_trend(int argc, char **argv);
void usage_trend(FILE *fp);
int cmd_summary(int argc, char **argv);
void usage_summary(FILE *fp);
int cmd_compare(int argc, char **argv);
void usage_compare(FILE *fp);
int cmd_report(int argc, char **argv);
void usage_report(FILE *fp);
int cmd_plot(int argc, char **argv);
void usage_plot(FILE *fp);

#endif
