#!/usr/bin/env python3
"""The best churn AUC any model can reach on the generator's purchase process.

Simulates people the way generator/World.java does (segment purchase probabilities 0.075 / 0.027 /
0.0085 a day for 5% / 35% / 60% of people, x 0.6-1.4 per person; 80% already customers before the
window; 25% churn at a uniform day and never buy again; 10% of the others pause 30-60 days), then
scores the customers active at a cut-off (a purchase in the 365 days up to it) with an oracle that
knows each person's hidden rate, churn day and pause: P(no purchase in the next 90 days). Its AUC
against the churn label is the ceiling for models that see only behaviour. Day-of-week, channel and
ad effects are left out (they multiply the rate by about 1 on average).

    python3 bench/value-ceiling.py            # 400 days, validation cut-off as in AnalyticsIT
"""
import math
import random
import sys


def auc(scores, labels):
    pairs = sorted(zip(scores, labels))
    n = len(pairs)
    rank_sum, positives, i = 0.0, 0, 0
    while i < n:
        j = i
        while j + 1 < n and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        mid = (i + j) / 2 + 1
        for k in range(i, j + 1):
            if pairs[k][1]:
                rank_sum += mid
                positives += 1
        i = j + 1
    negatives = n - positives
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def simulate(seed, people=20000, days=400, horizon=90, active_days=365):
    rnd = random.Random(seed)
    cut = days - 1 - horizon  # the validation cut-off of a training run on the last day
    oracle, recency, labels = [], [], []
    for _ in range(people):
        u = rnd.random()
        rate = (0.075 if u < 0.05 else 0.027 if u < 0.40 else 0.0085) * (0.6 + 0.8 * rnd.random())
        first = -(1 + rnd.randrange(730)) if rnd.random() < 0.80 else rnd.randrange(days)
        churn = None
        if rnd.random() < 0.25:
            lo = max(first + 14, min(14, days // 2))
            if lo <= days - 1:
                churn = rnd.randint(lo, days - 1)
        gap = None
        if churn is None and rnd.random() < 0.10:
            length = rnd.randint(30, 60)
            hi = days - length - 1
            start = max(0, first)
            if hi >= start:
                g = rnd.randint(start, hi)
                gap = (g, g + length)

        def active(d):
            return d >= first and (churn is None or d < churn) and not (gap and gap[0] <= d < gap[1])

        buys = [d for d in range(max(0, first), days) if active(d) and rnd.random() < rate]
        past = [d for d in buys if cut - active_days < d <= cut]
        if not past:
            continue
        labels.append(0 if any(cut < d <= cut + horizon for d in buys) else 1)
        expected = sum(rate for d in range(cut + 1, cut + horizon + 1) if active(d))
        oracle.append(math.exp(-expected))
        recency.append(cut - max(past))
    return auc(oracle, labels), auc(recency, labels), sum(labels) / len(labels), len(labels)


if __name__ == "__main__":
    seeds = [int(a) for a in sys.argv[1:]] or [1, 2, 3]
    for s in seeds:
        o, r, base, n = simulate(s)
        print(f"seed {s}: {n} active customers, churn base rate {base:.3f}, oracle AUC {o:.3f}, recency AUC {r:.3f}")
