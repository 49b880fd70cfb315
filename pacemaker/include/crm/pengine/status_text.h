/*
 * The cluster status in the text crm_simulate (and crm_mon) print.
 */
#ifndef PCMK_PENGINE_STATUS_TEXT_H
#define PCMK_PENGINE_STATUS_TEXT_H

#include <glib.h>

#include <crm/pengine/status.h>

/* Append the "  * Node List:" and "  * Full List of Resources:" sections
 * describing @cluster (as unpacked, before scheduling) to @out. */
void pe_status_text(const struct pe_cluster *cluster, GString *out);

#endif /* PCMK_PENGINE_STATUS_TEXT_H */
