/* compliment: compliments are logged, acknowledged, passed on to the person or team they are
 * about, and counted quarterly beside the complaints (seed 002 section 3). Any active member
 * of staff may log one, acknowledge it or record that it was passed on. */
#ifndef REDRESS_COMPLIMENT_H
#define REDRESS_COMPLIMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/session.h"

typedef struct Compliment {
   int64_t id;
   RdInstant received_at;
   char *channel;
   char *from_name;             /* who paid it */
   int64_t about_staff_id;      /* 0 when about a team only */
   char *about_login;           /* NULL when about a team only */
   char *about_name;            /* NULL when about a team only */
   char *about_team;            /* the team named, or the team of the person when it was logged */
   char *summary;
   RdDate acknowledged_on;      /* RD_NO_DATE until acknowledged */
   RdDate passed_on_on;         /* RD_NO_DATE until passed on to the person or team */
   RdInstant created_at;
} Compliment;

/* What logging records. Strings are borrowed. */
typedef struct NewCompliment {
   RdInstant received_at;       /* RD_NO_INSTANT: now */
   const char *channel;         /* as for complaints: phone, email, letter, in-person, web, social-media, other */
   const char *from_name;
   const char *about_login;     /* NULL: about a team only */
   const char *about_team;      /* NULL: the team of about_login */
   const char *summary;
} NewCompliment;

typedef struct ComplimentFilter {
   RdDate since;                /* received on or after (local date); RD_NO_DATE: no limit */
   RdDate until;                /* received on or before; RD_NO_DATE: no limit */
   const char *team;            /* NULL: any team */
   bool unacknowledged_only;
} ComplimentFilter;

void compliment_clear(Compliment *c);
void compliment_free_list(Compliment *list, size_t count);

/* Each is one transaction with one audit event. *id (may be NULL) receives the new number. */
RdStatus compliment_add(Session *s, const NewCompliment *in, int64_t *id, RdError *err);
/* on: RD_NO_DATE is today. Neither may be before the compliment arrived, nor still to come,
 * nor recorded twice. */
RdStatus compliment_acknowledge(Session *s, int64_t id, RdDate on, RdError *err);
RdStatus compliment_passed_on(Session *s, int64_t id, RdDate on, RdError *err);

RdStatus compliment_get(Session *s, int64_t id, Compliment *out, RdError *err);
/* Unacknowledged first, then by the time received, oldest first; caller frees with
 * compliment_free_list. */
RdStatus compliment_list(Session *s, const ComplimentFilter *f, Compliment **out, size_t *count, RdError *err);

#endif
