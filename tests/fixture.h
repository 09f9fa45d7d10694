/* fixture: a fresh database with a small office of staff and two residents, shared by the
 * Check programs of the lifecycle and its records. */
#ifndef REDRESS_FIXTURE_H
#define REDRESS_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "redress/error.h"
#include "redress/session.h"

/* The session of the running test and the error its calls fill. */
extern Session *fix_session;
extern RdError fix_err;
/* Jo Tenant (a phone and an address) and Sam Silent (no way to reach them). */
extern int64_t fix_tenant_id;
extern int64_t fix_silent_id;

/* A member of staff to add; everyone is trained (both trainings) unless untrained. */
typedef struct FixStaff {
   const char *login, *name, *team, *manages, *roles;
   int grade;
   bool active;
   bool untrained;
} FixStaff;

void fix_add_staff(const FixStaff *spec);

/* Starts the session with the clock at now (UK local time) on a new database holding:
 * desk (front desk), hal (handler, Repairs), mo (handler and manager of Housing), max
 * (manager, Customer Services), gone (an inactive handler) and root (admin only). */
void fix_setup_at(const char *now);
void fix_teardown(void);

/* Moves the clock to now, which may be earlier than before. */
void fix_clock(const char *now);
void fix_act_as(const char *login);
/* The one number a query returns. */
int64_t fix_count(const char *sql);
/* Asserts success, or the refusal want with words in its message. */
void fix_ok(RdStatus st);
void fix_refused(RdStatus st, RdStatus want, const char *words);

/* Logs a complaint by person (0: anonymous) received at received, as desk; returns its
 * reference in a static buffer. */
const char *fix_log(int64_t person, const char *received);
/* A complaint of Jo Tenant's received at received, acknowledged and answered at stage 1 by
 * hal at responded, and closed as resolved at closed (NULL: left open). */
const char *fix_responded(const char *received, const char *responded, const char *closed);

#endif
