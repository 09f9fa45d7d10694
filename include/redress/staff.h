/* staff: the people who use redress, their roles, teams, grades and training. */
#ifndef REDRESS_STAFF_H
#define REDRESS_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "redress/datetime.h"
#include "redress/error.h"
#include "redress/store.h"

typedef enum StaffRole {
   ROLE_FRONT_DESK = 1 << 0,
   ROLE_HANDLER = 1 << 1,
   ROLE_MANAGER = 1 << 2,
   ROLE_ADMIN = 1 << 3
} StaffRole;

typedef struct Staff {
   int64_t id;
   char *login;
   char *full_name;
   char *team;
   int grade;                   /* seniority: 1 most junior .. 9 most senior */
   unsigned roles;              /* StaffRole bits */
   char *manages_team;          /* the team this person manages, "" if none */
   RdDate complaints_trained_on;
   RdDate ombudsman_trained_on;
   char *email;
   bool active;
   int version;
} Staff;

void staff_init(Staff *s);          /* empty, with no dates */
void staff_clear(Staff *s);         /* frees the strings */

/* "front-desk,handler" <-> bits; unknown words are RD_EINPUT naming the word. */
RdStatus staff_parse_roles(const char *text, unsigned *out, RdError *err);
void staff_format_roles(unsigned roles, char *buf, size_t size);
bool staff_has(const Staff *s, StaffRole role);
/* Both the landlord's complaints training and the Ombudsman's dispute resolution
 * training are recorded (seed 001). */
bool staff_is_trained(const Staff *s);
/* Managers and admins may see every confidential case; others only those they handle. */
bool staff_sees_every_confidential_case(const Staff *s);

RdStatus staff_by_login(Store *st, const char *login, Staff *out, RdError *err);
RdStatus staff_by_id(Store *st, int64_t id, Staff *out, RdError *err);
/* Every staff record, by login; *out is an array owned by the caller (staff_free_list). */
RdStatus staff_list(Store *st, bool include_inactive, Staff **out, size_t *count, RdError *err);
void staff_free_list(Staff *list, size_t count);

/* Adds a staff record; actor must be an admin (NULL only while creating the first admin
 * during init). Sets s->id. One transaction with its audit event unless already inside
 * one. */
RdStatus staff_add(Store *st, const Staff *actor, Staff *s, RdError *err);
/* Saves changes; refused when the record changed since it was read (s->version). */
RdStatus staff_update(Store *st, const Staff *actor, Staff *s, RdError *err);

#endif
