"""Values published in the TraMineR documentation (JSS 40(4) paper, kept current as the package vignette) for the
70-month mvad data, as quoted in ../shared/data/README.md; shared by the library and command-line tests."""

# seqsubm(seqdef(mvad, 17:86, weights = mvad$weight), "TRATE"), rounded to 3 decimals.
PUBLISHED_WEIGHTED_TRATE = {
    ("employment", "FE"): 1.971,
    ("employment", "HE"): 1.987,
    ("employment", "joblessness"): 1.957,
    ("employment", "school"): 1.988,
    ("employment", "training"): 1.961,
    ("FE", "HE"): 1.993,
    ("FE", "joblessness"): 1.977,
    ("FE", "school"): 1.991,
    ("FE", "training"): 1.993,
    ("HE", "joblessness"): 1.997,
    ("HE", "school"): 1.981,
    ("HE", "training"): 1.999,
    ("joblessness", "school"): 1.992,
    ("joblessness", "training"): 1.976,
    ("school", "training"): 1.995,
}
