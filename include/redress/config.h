/* config: the landlord's settings, read from one libconfig file or built-in defaults. */
#ifndef REDRESS_CONFIG_H
#define REDRESS_CONFIG_H

#include <stddef.h>

#include "redress/calendar.h"
#include "redress/error.h"

typedef struct ExclusionReason {
   char *code;      /* short and stable, stored with a refused complaint */
   char *label;     /* the words a letter and a report use */
} ExclusionReason;

/* Homes owned in one reporting year (1 April start_year to 31 March start_year + 1). */
typedef struct HomesYear {
   int start_year;
   int lcra;        /* low-cost rental accommodation */
   int lcho;        /* low-cost home ownership */
} HomesYear;

typedef struct Config {
   char *path;                 /* the file read, NULL when running on defaults */
   char *landlord_name;
   char *database;             /* NULL: the default location */
   Division division;
   char *policy_name;
   int policy_line;            /* where the file names it, for messages; 0 when defaulted */
   char *policies_dir;         /* NULL: only the shipped profiles */
   OfficeHours office;
   int refresh_seconds;
   char **categories;
   size_t category_count;
   ExclusionReason *exclusions;
   size_t exclusion_count;
   HomesYear *homes;
   size_t homes_count;
   char *letters_outbox;       /* NULL: the default folder beside the database */
   int retention_years;        /* closed cases older than this may be anonymised */
} Config;

/* The file redress would read: --config, $REDRESS_CONFIG, $XDG_CONFIG_HOME, the system
 * file; NULL when none exists. explicit_path wins and must exist. Caller frees. */
char *config_find(const char *explicit_path);

/* Reads path (or the defaults when path is NULL) into a new Config owned by the caller.
 * Any problem is RD_ECONFIG with "file:line: what is wrong". */
RdStatus config_load(const char *path, Config **out, RdError *err);
void config_free(Config *cfg);

const ExclusionReason *config_exclusion(const Config *cfg, const char *code);
const char *config_category(const Config *cfg, const char *name);   /* the stored spelling */
const HomesYear *config_homes_for(const Config *cfg, int start_year);

/* Default database and letter locations under $XDG_DATA_HOME/redress. Caller frees. */
char *config_default_database(void);
char *config_default_outbox(const char *database_path);

#endif
