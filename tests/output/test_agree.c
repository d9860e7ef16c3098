/* Agreement: claim and speaker F1, Cohen's and Fleiss' kappa, disagreements. Fixtures: three
 * annotators reviewing the same engine output of the seed article (tests/output/fixtures/agree):
 * a rejects p10 p90 p91; b rejects p10 p91 p5, relabels p4 and adds a1; c rejects p6 too. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "helpers.h"
#include "model/output/agree.h"

#define A "tests/output/fixtures/agree/a.yaml"
#define B "tests/output/fixtures/agree/b.yaml"
#define C "tests/output/fixtures/agree/c.yaml"

static json_t *agree(char **paths, size_t count)
{
	Diagnostics diag = {0};
	bool ok;
	json_t *report = agree_compute(paths, count, &diag, &ok);
	diagnostics_print(&diag, stderr);
	cr_assert(ok);
	diagnostics_free(&diag);
	return report;
}

Test(agree, kappa_formulas)
{
	/* Cohen: 32 both accept, 1 + 1 split, 2 both reject: po = 34/36, pe = (33/36)^2 + (3/36)^2 */
	const size_t table[2][2] = {{32, 1}, {1, 2}};
	double po = 34.0 / 36, pe = (33.0 / 36) * (33.0 / 36) + (3.0 / 36) * (3.0 / 36);
	cr_assert_float_eq(agree_cohen_kappa(table), (po - pe) / (1 - pe), 1e-12);
	const size_t same[2][2] = {{5, 0}, {0, 0}};
	cr_assert(isnan(agree_cohen_kappa(same)), "undefined when everything is accepted");
	/* Fleiss, the textbook case of perfect agreement and of one split item */
	size_t counts[] = {3, 0, 0, 3, 2, 1};
	double p_bar = (1 + 1 + 1.0 / 3) / 3, p0 = 5.0 / 9, p1 = 4.0 / 9;
	double expected = (p_bar - (p0 * p0 + p1 * p1)) / (1 - (p0 * p0 + p1 * p1));
	cr_assert_float_eq(agree_fleiss_kappa(counts, 3, 3), expected, 1e-12);
}

Test(agree, two_annotators)
{
	json_t *r = agree((char *[]){A, B}, 2);
	json_t *total = json_object_get(r, "total");
	json_t *pair = json_array_get(json_object_get(total, "pairs"), 0);
	/* 23 engine claims: a keeps 20, b 21 (+ a1): 19 in common */
	cr_assert_eq(json_number_at(pair, "claims.a"), 20);
	cr_assert_eq(json_number_at(pair, "claims.b"), 21);
	cr_assert_eq(json_number_at(pair, "claims.matched"), 19);
	cr_assert_eq(json_number_at(pair, "claims.f1"), 0.927);
	cr_assert_eq(json_number_at(pair, "attribution.f1"), 0.927, "p21 has no speaker in either: agreed");
	/* decisions: 19 both accept, p5 and p90 split, p10 and p91 both reject:
	 * po = 21/23, pe = (20/23)^2 + (3/23)^2, kappa = 0.617 */
	cr_assert_eq(json_number_at(total, "decisions.items"), 23);
	cr_assert_eq(json_number_at(total, "decisions.agreed"), 21);
	cr_assert_eq(json_number_at(total, "decisions.kappa"), 0.617);
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(total, "decisions"), "method")), "cohen");
	json_t *document = json_array_get(json_object_get(r, "documents"), 0);
	json_t *disagreements = json_object_get(document, "disagreements");
	/* only p5 (a), only p90 and a1 (b), the label of p4, the decisions on p5 and p90 */
	cr_assert_eq(json_array_size(disagreements), 6);
	size_t i, labels = 0, decisions = 0, only = 0;
	json_t *d;
	json_array_foreach(disagreements, i, d) {
		const char *type = json_string_value(json_object_get(d, "type"));
		labels += strcmp(type, "label") == 0;
		decisions += strcmp(type, "decision") == 0;
		only += strcmp(type, "only") == 0;
		if (strcmp(type, "label") == 0) {
			cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "ann-a"), "value")), "denial");
			cr_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "ann-b"), "value")), "position");
		}
	}
	cr_assert_eq(labels, 1);
	cr_assert_eq(decisions, 2);
	cr_assert_eq(only, 3);
	json_decref(r);
}

Test(agree, three_annotators_use_fleiss)
{
	json_t *r = agree((char *[]){A, B, C}, 3);
	json_t *total = json_object_get(r, "total");
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(total, "decisions"), "method")), "fleiss");
	cr_assert_eq(json_number_at(total, "decisions.items"), 23);
	/* items: 18 (3,0), p5 (2,1), p6 (2,1), p90 (1,2), p10 p91 (0,3) */
	double p_bar = (18 + 2 + 3.0 / 3) / 23, p0 = 59.0 / 69, p1 = 10.0 / 69;
	double pe = p0 * p0 + p1 * p1;
	cr_assert_float_eq(json_number_at(total, "decisions.kappa"),
			   round((p_bar - pe) / (1 - pe) * 1000) / 1000, 1e-9);
	cr_assert_eq(json_array_size(json_object_get(total, "pairs")), 3);
	json_decref(r);
}

Test(agree, identical_annotators_agree_fully)
{
	json_t *r = agree((char *[]){A, A}, 2);
	json_t *pair = json_array_get(json_object_get(json_object_get(r, "total"), "pairs"), 0);
	cr_assert_eq(json_number_at(pair, "claims.f1"), 1);
	cr_assert_eq(json_number_at(pair, "speaker_mentions.f1"), 1);
	cr_assert_eq(json_number_at(r, "total.disagreements"), 0);
	json_decref(r);
}
