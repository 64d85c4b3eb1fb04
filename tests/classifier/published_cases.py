"""Held-out evaluation set written from published case reports (issue 12, "Evaluation").

One published case report or case-series patient per case, written from the report (its abstract or the
part of the case description that could be read), NOT from the classifier's knowledge files, the project's
vignettes or the domain notes, and never changed after seeing the classifier's answer. Only what the report
states is recorded: ages, sex, sites, sizes, laboratory values with the units as the report writes them
(lower-case spellings included), values given only as "high"/"low"/"normal" as interpretations, missing
values as missing, histology and genetic results when reported.

Case format: the compact dict of tests/classifier/vignette_builder.py, plus
- ``citation``: authors, title, journal, year and, only when seen in the stored copy of the report, ``pmid``,
  ``doi`` or ``pmcid``; ``verified`` is True when at least one identifier was seen there, False otherwise
  (authors/journal/year only; fields that could not be retrieved say so);
- ``expected_typing`` (optional): the typing a case expects when it is not derived from the expected
  diagnosis (tumoral calcinosis secondary to systemic sclerosis or dermatomyositis -> ``secondary``);
- ``histology``: a histology value code of calcinosis-finding;
- ``genetics``: ``[{"gene": "GALNT3", "present": True, "significance": "pathogenic"}]``;
- lab names beyond the vignettes': phosphate-molar, calcium-molar, ionised-calcium, corrected-calcium(-molar),
  albumin, bicarbonate, crp, potassium, fgf23-c-terminal, tmp-gfr, trp, urine-calcium-24h, urine-phosphate-24h.

A second batch (knowledge pass 4, decision Classifier 25) was appended, written the same way and blind to the knowledge:
57 cases from other publications, each checked against both sets (the held-out set only through a script answering
"collision"/"ok"), committed before the classifier was run on them.

Work-up dates are approximate (the year of the report or of the case); birth dates are derived from the age.
``python -m tests.classifier.vignette_builder --published`` writes tests/classifier/published/*.json.
"""

from datetime import date, timedelta


def born(years: float, when: str) -> str:
    """Birth date of a patient aged ``years`` (whole or fractional) at the work-up date ``when``."""
    work_up = date.fromisoformat(when)
    if float(years).is_integer():
        try:
            return work_up.replace(year=work_up.year - int(years)).isoformat()
        except ValueError:  # 29 February
            return (work_up.replace(day=28).replace(year=work_up.year - int(years))).isoformat()
    return (work_up - timedelta(days=round(years * 365.25))).isoformat()


CASES = [
    # ---------------------------------------------------------------- hyperphosphatemic familial TC
    {
        "id": "hftc-fgf23-goldenstein-2018",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Goldenstein PT, Neves PD, Balbo BE, Elias RM, Pereira AC, Onuchic LF, Jüppner H, Jorgetti V, Abensur H, Moysés RM",
                     "title": "Dialysis as a Treatment Option for a Patient With Normal Kidney Function and Familial Tumoral Calcinosis Due to a Compound Heterozygous FGF23 Mutation",
                     "journal": "Am J Kidney Dis", "year": 2018, "pmid": "29548779", "doi": "10.1053/j.ajkd.2017.12.020", "verified": True},
        "story": "28-year-old man with painful firm masses over both gluteal regions, the right clavicle region, the knees and the left elbow. "
                 "Phosphate 9.0 mg/dL, normocalcaemia (the reported 4.8 mg/dL is an ionised value; sent as 'normal'), normal kidney function, "
                 "fractional phosphate excretion 3%, PTH 15 pg/mL (suppressed), 25-OH-D 26 ng/mL, 1,25-(OH)2D 92 pg/mL, intact FGF23 undetectable; "
                 "compound heterozygous FGF23 mutations (p.Gln67His, p.Gln156*).",
        "birth": born(28, "2017-06-01"), "sex": "male", "date": "2017-06-01",
        "labs": {"phosphate": (9.0, "mg/dL"), "calcium": "N", "creatinine": "N", "pth": (15, "pg/mL"), "vitd": (26, "ng/mL"),
                 "calcitriol": (92, "pg/mL"), "fgf23": "L"},
        "genetics": [{"gene": "FGF23", "present": True, "significance": "pathogenic"}],
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "right", "flags": {"painful": True}},
                    {"site": "knee", "side": "bilateral", "flags": {"painful": True}},
                    {"site": "elbow", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "hftc-kl-ichikawa-2007",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Ichikawa S, et al.",
                     "title": "A homozygous missense mutation in human KLOTHO causes severe tumoral calcinosis",
                     "journal": "J Clin Invest", "year": 2007, "pmid": "17710231", "doi": "10.1172/JCI31330", "verified": True},
        "story": "13-year-old girl with severe tumoral calcinosis and dural and carotid artery calcifications; marked hyperphosphataemia and "
                 "hypercalcaemia, raised PTH and raised FGF23 (the abstract does not name the assay; sent as intact FGF23); homozygous KL "
                 "mutation H193R. The abstract does not give the sites of the masses, so none is sent.",
        "birth": born(13, "2007-01-01"), "sex": "female", "date": "2007-01-01",
        "labs": {"phosphate": "H", "calcium": "H", "pth": "H", "fgf23": "H"},
        "genetics": [{"gene": "KL", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hftc-galnt3-rafaelsen-brother-2014",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Rafaelsen S, Johansson S, Ræder H, Bjerknes R",
                     "title": "Long-term clinical outcome and phenotypic variability in hyperphosphatemic familial tumoral calcinosis and hyperphosphatemic hyperostosis syndrome caused by a novel GALNT3 mutation; case report and review of the literature",
                     "journal": "BMC Genet", "year": 2014, "doi": "10.1186/s12863-014-0098-3", "verified": True},
        "story": "Man of a consanguineous Norwegian family whose calcific tumours began at 14 and recurred more than 20 years later, diagnosed "
                 "at 37; abnormal dental roots and tooth loss; his sister is affected. High phosphate, inappropriately high TmP/GFR, low "
                 "intact and high C-terminal FGF23 (values not in the abstract: sent as interpretations); homozygous GALNT3 p.Gly256Val. "
                 "The abstract does not give the sites of the masses.",
        "birth": born(37, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "labs": {"phosphate": "H", "tmp-gfr": "H", "fgf23": "L", "fgf23-c-terminal": "H"},
        "findings": {"consanguinity": True, "family-history-calcinosis": True, "dental-anomalies": True},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hhs-galnt3-rafaelsen-sister-2014",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Rafaelsen S, Johansson S, Ræder H, Bjerknes R",
                     "title": "Long-term clinical outcome and phenotypic variability in hyperphosphatemic familial tumoral calcinosis and hyperphosphatemic hyperostosis syndrome caused by a novel GALNT3 mutation; case report and review of the literature",
                     "journal": "BMC Genet", "year": 2014, "doi": "10.1186/s12863-014-0098-3", "verified": True},
        "story": "Hyperostosis-hyperphosphataemia form: woman of the same consanguineous family with episodic diaphysitis from age 9 "
                 "(calcific tumours at three weeks of age and again decades later), band keratopathy, abnormal dental roots, placental, "
                 "iliac and thyroid-cartilage calcification, diagnosed at 50. High phosphate and TmP/GFR, low intact and high C-terminal "
                 "FGF23 (interpretations); homozygous GALNT3 p.Gly256Val.",
        "birth": born(50, "2013-01-01"), "sex": "female", "date": "2013-01-01",
        "labs": {"phosphate": "H", "tmp-gfr": "H", "fgf23": "L", "fgf23-c-terminal": "H"},
        "findings": {"consanguinity": True, "family-history-calcinosis": True, "dental-anomalies": True, "diaphyseal-hyperostosis": True},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hftc-adolescent-elbow-rodrigues-2022",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Rodrigues F, Zacharin M",
                     "title": "Extra-articular calcification in an adolescent boy: where history is paramount (poster 470)",
                     "journal": "ESA-SRB-APEG-NZSE Annual Scientific Meeting 2022 (abstract)", "year": 2022, "verified": False},
        "story": "15-year-old active boy with a painful left elbow, no trauma, calcification beside the distal humerus and at the left hip, "
                 "nephrocalcinosis; short tooth roots. Phosphate 2.53 mmol/L [1.10-1.80], calcium 2.48 mmol/L [2.10-2.60], TRP 94.6%, "
                 "FGF23 13.6 ng/L [23.2-95.4] (low); GALNT3 disease suspected (no genetic result given).",
        "birth": born(15, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "labs": {"phosphate-molar": (2.53, "mmol/L", (1.10, 1.80)), "calcium-molar": (2.48, "mmol/L", (2.10, 2.60)),
                 "trp": (94.6, "%", (82, 100)), "fgf23": (13.6, "ng/L", (23.2, 95.4))},
        "findings": {"trauma-at-site": False, "dental-anomalies": True},
        "lesions": [{"site": "elbow", "side": "left", "flags": {"painful": True}}, {"site": "hip-gluteal", "side": "left"}],
    },
    {
        "id": "hftc-infant-gluteal-shakiba-2025",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Shakiba M, Karimi A, Ghomi Z, Montazeri MS",
                     "title": "Hyperphosphatemic Familial Tumoral Calcinosis (HFTC) in a One-Year-Old Child: A Case Report and Literature Review",
                     "journal": "Arch Pediatr Infect Dis", "year": 2025, "doi": "10.5812/apid-150494", "verified": True},
        "story": "One-year-old child (sex not stated in the abstract) with intermittent fevers and a gluteal mass that looked like a calcified "
                 "abscess on ultrasound; biopsy showed a pseudocyst; calcium and phosphorus raised, neutropenia.",
        "birth": born(1, "2024-06-01"), "sex": "unknown", "date": "2024-06-01",
        "labs": {"phosphate": "H", "calcium": "H"},
        "findings": {"fever": True},
        "lesions": [{"site": "hip-gluteal"}],
    },
    {
        "id": "hftc-young-man-hips-abdelrazek-2019",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Abdelrazek BHMZ, Abdel-Kader KFM, Ghanem MAGE, Salieb NKN",
                     "title": "Tumoral Calcinosis in a 19 Year Old Male: A Case Report and Review of Literature",
                     "journal": "Scientia Ricerca (SR Orthopaedics and Rheumatology) 3(1)", "year": 2019, "verified": False},
        "story": "19-year-old man; a left-elbow mass after trauma nine years earlier was excised; eight years later slowly growing masses "
                 "in both hips and the right elbow limiting movement. Metabolic work-up: hyperphosphataemic tumoral calcinosis (phosphate "
                 "sent as 'high'; values not in the abstract); histology confirmed tumoral calcinosis.",
        "birth": born(19, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "labs": {"phosphate": "H"},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "hip-gluteal", "side": "bilateral"}, {"site": "elbow", "side": "right"}],
    },
    # ---------------------------------------------------------------- secondary (uremic) TC
    {
        "id": "uremic-giant-shoulder-chi-2018",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Chi D, Kamochi H, Sunaga A, Sarukawa S, Uda H, Nakagawa S, Asahi R, Mori M, Yoshimura K",
                     "title": "Tumoral Calcinosis: A Giant Tumoral Mass in the Shoulder Joint of a Dialysis Patient",
                     "journal": "Plast Reconstr Surg Glob Open", "year": 2018, "doi": "10.1097/GOX.0000000000001730", "verified": True},
        "story": "64-year-old man with a long history of dialysis and a giant, painless mass in the right shoulder; near-complete resection, "
                 "no recurrence at one year (laboratory values not in the summary).",
        "birth": born(64, "2017-06-01"), "sex": "male", "date": "2017-06-01",
        "findings": {"dialysis": True},
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"painful": False}}],
    },
    {
        "id": "uremic-shoulder-oxalate-he-wu-tang",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "He J, Wu S, Tang Q",
                     "title": "(image report on tumoral calcinosis with calcium oxalate crystals in a haemodialysis patient; exact title not retrieved)",
                     "journal": "Archives of Rheumatology (archivesofrheumatology.org full text 1225)", "year": None, "verified": False},
        "story": "27-year-old man on maintenance haemodialysis for five years with gradually enlarging, tender, soft, fluctuant subcutaneous "
                 "masses around the left shoulder for a year (and a wrist nodule), shoulder movement limited. Calcium 2.2 mmol/L "
                 "[2.2-2.7], phosphorus 1.86 mmol/L [0.85-1.51], PTH 1157 pg/mL [15-65]; speckled amorphous globular calcification, "
                 "cystic and calcific components on MRI, no bone erosion; calcium oxalate crystals under polarised light.",
        "birth": born(27, "2019-06-01"), "sex": "male", "date": "2019-06-01",
        "labs": {"calcium-molar": (2.2, "mmol/L", (2.2, 2.7)), "phosphate-molar": (1.86, "mmol/L", (0.85, 1.51)), "pth": (1157, "pg/mL", (15, 65))},
        "findings": {"dialysis": True, "dialysis-years": 5},
        "lesions": [{"site": "shoulder", "side": "left", "pattern": "amorphous",
                     "flags": {"painful": True, "subcutaneous": True, "bone-erosion": False}},
                    {"site": "wrist"}],
    },
    {
        "id": "uremic-clavicle-hung-2009",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Hung JK, Chang IL, Chang HM",
                     "title": "Surgical Excision of Tumoral Calcinosis of the Distal End of the Clavicle in a Patient With Uremia",
                     "journal": "Tzu Chi Med J 21(3):239-243", "year": 2009, "verified": False},
        "story": "53-year-old man on haemodialysis for 20 years with a swollen, severely painful mass over the left shoulder (distal "
                 "clavicle) for six months and reduced movement; hyperphosphataemia, hypocalcaemia and secondary hyperparathyroidism "
                 "(values not in the abstract); excision, histology tumoral calcinosis.",
        "birth": born(53, "2008-06-01"), "sex": "male", "date": "2008-06-01",
        "labs": {"phosphate": "H", "calcium": "L", "pth": "H"},
        "findings": {"dialysis": True, "dialysis-years": 20},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "shoulder", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-fingers-peritoneal-aristizabal-2022",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Aristizabal-Alzate A, Nieto-Ríos JF, Trujillo-Agudelo D, Cadavid-Aljure D, Serna-Higuita LM, Zuluaga-Valencia G",
                     "title": "Uremic tumoral calcinosis with atypical manifestation. Case report",
                     "journal": "Nefrologia 42(2)", "year": 2022, "verified": False},
        "story": "48-year-old woman with polycystic kidney disease on peritoneal dialysis for three years: six months of enlarging distal "
                 "phalanges of three fingers and a palpable right-shoulder mass, painful and itchy with a white discharge; thick amorphous "
                 "periarticular calcification. PTH 2362 pg/ml, albumin 3.2 g/dl, phosphorus 9.7 mg/dl, corrected calcium 10.2 mg/dl "
                 "(units as the report writes them); tertiary hyperparathyroidism.",
        "birth": born(48, "2021-06-01"), "sex": "female", "date": "2021-06-01",
        "labs": {"pth": (2362, "pg/ml"), "albumin": (3.2, "g/dl"), "phosphate": (9.7, "mg/dl"), "corrected-calcium": (10.2, "mg/dl")},
        "findings": {"dialysis": True, "dialysis-years": 3},
        "lesions": [{"site": "finger", "side": "bilateral", "pattern": "amorphous", "flags": {"painful": True, "skin-ulceration": True}},
                    {"site": "shoulder", "side": "right"}],
    },
    {
        "id": "uremic-peritoneal-buttocks-kim-2014",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Kim, Hwang, Park (initials not retrieved)",
                     "title": "Resolution of uremic tumoral calcinosis in a patient on peritoneal dialysis with long-term low-calcium dialysate treatment",
                     "journal": "Kidney Res Clin Pract 33(4)", "year": 2014, "verified": False},
        "story": "25-year-old man on peritoneal dialysis for more than nine years (end-stage renal disease after Henoch-Schönlein purpura) "
                 "with painful, infected multifocal masses on both buttocks and hip joints; resolved with antibiotics, low-calcium "
                 "dialysate and sevelamer (laboratory values not in the abstract).",
        "birth": born(25, "2013-06-01"), "sex": "male", "date": "2013-06-01",
        "findings": {"dialysis": True, "dialysis-years": 9},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "uremic-elbow-shunt-suzuki-1979",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Suzuki K, Takahashi S, Ito K, Tanaka Y, Sezai Y",
                     "title": "Tumoral calcinosis in a patient undergoing hemodialysis",
                     "journal": "Acta Orthop Scand 50:27-31", "year": 1979, "verified": False},
        "story": "37-year-old man with chronic renal failure on twice-weekly haemodialysis since November 1974; in January 1976 a mass "
                 "appeared in the left cubital region over his shunt, where he bled subcutaneously at each dialysis, and grew until it "
                 "restricted elbow movement; dialysate calcium 3.5 mEq/L until December 1976.",
        "birth": born(37, "1976-01-15"), "sex": "male", "date": "1976-01-15",
        "findings": {"dialysis": True, "dialysis-years": 1, "trauma-at-site": True},
        "lesions": [{"site": "elbow", "side": "left"}],
    },
    {
        "id": "uremic-hip-shoulder-parathyroidectomy-niemann-2016",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Niemann KE, Kröpil F, Hoffmann MF, Coulibaly MO, Schildhauer TA",
                     "title": "A 23-year-old patient with secondary tumoral calcinosis: Regression after subtotal parathyroidectomy. A case report",
                     "journal": "Int J Surg Case Rep 23:56-60", "year": 2016, "verified": False},
        "story": "23-year-old woman with end-stage renal disease on regular haemodialysis and severe painful soft-tissue calcifications "
                 "around the left hip and shoulder, growing over two years; phosphate high despite diet and binders; regression after "
                 "subtotal parathyroidectomy.",
        "birth": born(23, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "labs": {"phosphate": "H"},
        "findings": {"dialysis": True},
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-knee-prostate-cancer-wolf-stahl",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Wolf G, Stahl RAK",
                     "title": "Remembrance of things past: tumoural calcifications in a haemodialysis patient",
                     "journal": "Nephrol Dial Transplant (Nephrology Picture)", "year": None, "verified": False},
        "story": "58-year-old man on haemodialysis since 1993 (polycystic kidney disease), prostate cancer diagnosed in 2000 without bone "
                 "metastases, admitted for exploratory surgery of a slowly growing painful 9 x 7 x 5 cm tumour of the left knee, "
                 "inhomogeneous and enhancing on MRI, with another swelling at the left shoulder; on aluminium hydroxide, calcium "
                 "carbonate and intravenous alfacalcidol; dialysate calcium 1.75 mmol/L.",
        "birth": born(58, "2001-06-01"), "sex": "male", "date": "2001-06-01",
        "findings": {"dialysis": True, "dialysis-years": 8, "known-malignancy": True, "aluminium-binder": True,
                     "calcium-based-binder": True, "active-vitamin-d-therapy": True},
        "lesions": [{"site": "knee", "side": "left", "size_cm": 9, "flags": {"painful": True}}, {"site": "shoulder", "side": "left"}],
    },
    {
        "id": "hftc-sinuses-tmp-gfr-pmj-1999",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "(authors not retrieved; Postgraduate Medical Journal self-assessment case)",
                     "title": "Peri-articular 'hard tumours' in soft tissues",
                     "journal": "Postgrad Med J 75(886):492", "year": 1999, "verified": False},
        "story": "17-year-old man with painless, progressively enlarging peri-articular swellings for seven years at the left shoulder, both "
                 "hips and right elbow (2-5 x 3-8 cm), repeatedly drained of white chalky material, non-healing sinuses, no relief from "
                 "antituberculous treatment; no trauma, no family history, no excess antacid or vitamin D. Corrected calcium 2 mmol/l "
                 "(2-2.6), ionised calcium 1.1 mmol/l (1-1.4), phosphorus 2.23 mmol/l (1-1.4), creatinine 53 umol/l, potassium 3.8 "
                 "mmol/l, ALP 49.7 U/l, intact PTH 5 pg/ml (12-72), TRP 97% (85-90), TmP/GFR 2.9 mmol/l (0.82-1.45), 24-h urine calcium "
                 "300 mg, phosphate 275 mg (600-1200). Units as the report writes them.",
        "birth": born(17, "1998-06-01"), "sex": "male", "date": "1998-06-01",
        "labs": {"corrected-calcium-molar": (2.0, "mmol/l", (2.0, 2.6)), "ionised-calcium": (1.1, "mmol/l", (1.0, 1.4)),
                 "phosphate-molar": (2.23, "mmol/l", (1.0, 1.4)), "creatinine": (53, "umol/l"), "potassium": (3.8, "mmol/l"),
                 "alp": (49.7, "U/l"), "pth": (5, "pg/ml", (12, 72)), "trp": (97, "%", (85, 90)),
                 "tmp-gfr": (2.9, "mmol/l", (0.82, 1.45)), "urine-calcium-24h": (300, "mg/(24.h)"), "urine-phosphate-24h": (275, "mg/(24.h)", (600, 1200))},
        "findings": {"trauma-at-site": False, "family-history-calcinosis": False, "vitamin-d-or-calcium-excess": False},
        "lesions": [{"site": "shoulder", "side": "left", "size_cm": 8, "flags": {"painful": False, "skin-ulceration": True}},
                    {"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": False}},
                    {"site": "elbow", "side": "right", "flags": {"painful": False}}],
    },
    # ---------------------------------------------------------------- normophosphatemic TC
    {
        "id": "nftc-toddler-ribbon-alam-2007",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Alam A, Sree Ram MN, Manrai K, Bhardwaj R", "title": "Tumoral Calcinosis",
                     "journal": "Med J Armed Forces India 63:180-181", "year": 2007, "pmcid": "PMC4925452", "verified": False},
        "story": "Two-year-old boy with a year of multiple hard, nodular, mobile, non-tender swellings (3-15 cm) around the right hip and "
                 "knee and on the right chest wall, no ulceration; no illness, trauma or family history. Urea, creatinine, calcium, "
                 "phosphorus and ALP normal; ribbon-like juxta-articular calcification around the right hip. Reported as primary "
                 "normophosphataemic tumoral calcinosis.",
        "birth": born(2, "2006-06-01"), "sex": "male", "date": "2006-06-01",
        "labs": {"phosphate": "N", "calcium": "N", "creatinine": "N", "alp": "N"},
        "findings": {"trauma-at-site": False, "family-history-calcinosis": False},
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 15, "pattern": "sheet-linear", "flags": {"painful": False, "skin-ulceration": False}},
                    {"site": "knee", "side": "right", "flags": {"painful": False}},
                    {"site": "chest-wall", "side": "right", "flags": {"painful": False}}],
    },
    {
        "id": "nftc-girl-gluteal-elbow-rajaonarison-2020",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Rajaonarison Ny Ony Narindra LH, Nirinaharimanitra VS, Hunald FA, Ahmad A",
                     "title": "Two new cases of pediatric tumoral calcinosis", "journal": "J Surg Case Rep 2020(12):rjaa481",
                     "year": 2020, "doi": "10.1093/jscr/rjaa481", "verified": True},
        "story": "Case 1: 6-year-old girl with hard, painless swellings of the right gluteal region and right elbow limiting elbow "
                 "extension; no medical or family history, no renal dysfunction; calcium, phosphate, ALP and PTH normal, no inflammation, "
                 "normal kidney function; excision, pathology tumoral calcinosis.",
        "birth": born(6, "2019-06-01"), "sex": "female", "date": "2019-06-01",
        "labs": {"calcium": "N", "phosphate": "N", "alp": "N", "pth": "N", "creatinine": "N", "crp": "N"},
        "findings": {"family-history-calcinosis": False},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "hip-gluteal", "side": "right", "flags": {"painful": False}}, {"site": "elbow", "side": "right", "flags": {"painful": False}}],
    },
    {
        "id": "nftc-sporadic-girl-tharini-2011",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Tharini GK, et al.", "title": "Idiopathic sporadic tumoral calcinosis in an Indian girl",
                     "journal": "Indian J Dermatol Venereol Leprol 77(4):536", "year": 2011, "pmid": "21727721",
                     "doi": "10.4103/0378-6323.82419", "verified": True},
        "story": "13-year-old girl with six months of multiple painless, slowly growing hard swellings over the left elbow, left knee and "
                 "right ankle, restricted movement, chalky white discharge from the elbow swelling studded with white papules; no systemic "
                 "symptoms, trauma, medication or family history. Reported as idiopathic sporadic tumoral calcinosis (laboratory values "
                 "not in the part of the letter read).",
        "birth": born(13, "2010-06-01"), "sex": "female", "date": "2010-06-01",
        "findings": {"trauma-at-site": False, "family-history-calcinosis": False},
        "lesions": [{"site": "elbow", "side": "left", "flags": {"painful": False, "skin-ulceration": True}},
                    {"site": "knee", "side": "left", "flags": {"painful": False}}, {"site": "ankle", "side": "right", "flags": {"painful": False}}],
    },
    {
        "id": "nftc-gluteal-15cm-girl",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "(authors not retrieved)", "title": "Large tumoral calcinosis in the gluteal region: a case report",
                     "journal": "(journal not retrieved; abstract on discovery.researcher.life)", "year": None, "verified": False},
        "story": "11-year-old girl of African descent referred to a bone tumour unit with a large, relatively painless 15 cm lump of the "
                 "right buttock; the skin was tethered and necrotic with a sinus discharging milky-white fluid; densely calcified area "
                 "within gluteus maximus extending to the subcutaneous tissue; no metabolic disturbance; resected, no recurrence.",
        "birth": born(11, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "labs": {"phosphate": "N", "calcium": "N"},
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 15,
                     "flags": {"painful": False, "intramuscular": True, "subcutaneous": True, "skin-ulceration": True}}],
    },
    {
        "id": "nftc-girl-excision-ranjan-2022",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Ranjan S, Reang S, Debnath A, Golasangi C", "title": "Primary Normo-Phosphatemic Tumoral Calcinosis - A Rare Entity",
                     "journal": "Int J Adv Res 10(09):99-102", "year": 2022, "doi": "10.21474/IJAR01/15328", "verified": True},
        "story": "11-year-old girl with primary normophosphataemic tumoral calcinosis managed by complete surgical excision (the site "
                 "is not in the abstract, so no lesion is sent; phosphate sent as 'normal' as the title states).",
        "birth": born(11, "2022-06-01"), "sex": "female", "date": "2022-06-01",
        "labs": {"phosphate": "N"},
    },
    {
        "id": "idiopathic-tc-trochanter-rathod-2014",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Rathod S, Jindal N, Singh G, Ali I", "title": "Idiopathic tumoral calcinosis",
                     "journal": "Arch Int Surg 4:172-175", "year": 2014, "doi": "10.4103/2278-9596.146431", "verified": True},
        "story": "60-year-old woman with a painful swelling over the left greater trochanter for four months, no lesion elsewhere; "
                 "biochemical and radiological work-up (values not in the abstract), excision; pathology tumoral calcinosis, reported "
                 "as idiopathic (sporadic, no metabolic cause).",
        "birth": born(60, "2014-06-01"), "sex": "female", "date": "2014-06-01",
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"painful": True}}],
    },
    # ---------------------------------------------------------------- TC secondary to connective-tissue disease
    {
        "id": "ssc-tumoral-shoulder-jung-2015",
        "expected": "systemic-sclerosis", "expected_typing": "secondary",
        "citation": {"authors": "Jung H, Lee DH, Cho JY, Lee SC",
                     "title": "Surgical Treatment of Extensive Tumoral Calcinosis Associated with Systemic Sclerosis",
                     "journal": "Korean J Thorac Cardiovasc Surg 48:151-154", "year": 2015, "doi": "10.5090/kjtcs.2015.48.2.151", "verified": True},
        "story": "52-year-old woman with interstitial lung disease and progressive systemic sclerosis (diagnosed eight and five years "
                 "earlier) and a growing calcified mass of the left shoulder (subscapular), first seen small on CT four years earlier, "
                 "palpable in the neck and back, not very painful; lobulated calcification on X-ray. Calcium, phosphorus and vitamin D "
                 "normal; ANA positive, anticentromere negative.",
        "birth": born(52, "2014-06-01"), "sex": "female", "date": "2014-06-01",
        "labs": {"calcium": "N", "phosphate": "N", "vitd": "N"},
        "findings": {"skin-sclerosis": True, "ana-positive": True},
        "lesions": [{"site": "shoulder", "side": "left", "pattern": "lobulated-cloudlike", "flags": {"painful": False}}],
    },
    {
        "id": "ssc-crest-multiple-tumoral-jecan-2016",
        "expected": "systemic-sclerosis", "expected_typing": "secondary",
        "citation": {"authors": "Jecan CR, Bedereag ȘI, Sinescu RD, Grigorean VT, Cozma CN, Bordianu A, Florescu IP",
                     "title": "A case of a generalized symptomatic calcinosis in systemic sclerosis",
                     "journal": "Rom J Morphol Embryol 57(2 Suppl):865-869", "year": 2016, "verified": False},
        "story": "52-year-old woman with systemic sclerosis and CREST syndrome admitted with multiple painful, disabling tumoral calcified "
                 "masses at nearly all joints (sent as shoulders and hips); the interscapular paravertebral mass was excised.",
        "birth": born(52, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "findings": {"skin-sclerosis": True, "raynaud-phenomenon": True},
        "lesions": [{"site": "paravertebral", "side": "midline", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "bilateral", "flags": {"painful": True}},
                    {"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True}}],
    },
    # ---------------------------------------------------------------- malignancies (can't-miss)
    {
        "id": "synovial-sarcoma-calcified-foot-eurorad-2016",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Araujo J, Macedo C, Oliveira J, Amorim J, Louro J, Maia R",
                     "title": "A case of an extremely calcified synovial sarcoma", "journal": "Eurorad case 14222",
                     "year": 2016, "verified": False},
        "story": "48-year-old man with a year of pain and swelling of a soft-tissue mass in the sole of the foot; radiograph: an extremely "
                 "calcified plantar lesion; increased uptake on scintigraphy; heterogeneous enhancing mass with calcifications on CT and "
                 "MRI; CT-guided biopsy of the calcified part: synovial sarcoma.",
        "birth": born(48, "2016-06-01"), "sex": "male", "date": "2016-06-01",
        "histology": "spindle-cell-sarcoma",
        "lesions": [{"site": "palm-sole", "flags": {"painful": True}}],
    },
    {
        "id": "esos-thigh-after-trauma-nelson-2021",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Nelson J, Mousa MS, Diaz J, Bui MM, Caracciolo JT",
                     "title": "Unusual Presentation of Widely Metastatic Extraskeletal Osteosarcoma: Case Report",
                     "journal": "J Radiol Case Rep 15(4):7-16", "year": 2021, "doi": "10.3941/jrcr.v15i4.4147", "verified": True},
        "story": "46-year-old woman without past history presenting to an emergency department with a right lateral thigh mass after minor "
                 "trauma; high-grade extraskeletal osteosarcoma with rapid progression and death (imaging details not in the abstract).",
        "birth": born(46, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "findings": {"trauma-at-site": True},
        "histology": "malignant-osteoid",
        "lesions": [{"site": "thigh", "side": "right"}],
    },
    {
        "id": "esos-vastus-medialis-hulse-2006",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Hulse N, Paul AS", "title": "Soft tissue osteosarcoma: a case report",
                     "journal": "Acta Orthop Belg 72(6)", "year": 2006, "verified": False},
        "story": "58-year-old woman with a swelling arising in the vastus medialis muscle; malignancy was not suspected and she reached a "
                 "specialist unit a year after onset; soft-tissue osteosarcoma treated by resection, chemotherapy and radiotherapy.",
        "birth": born(58, "2006-01-01"), "sex": "female", "date": "2006-01-01",
        "histology": "malignant-osteoid",
        "lesions": [{"site": "thigh", "flags": {"intramuscular": True}}],
    },
    {
        "id": "esos-rectus-femoris-louizi-2024",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Louizi C, Seif Amir Hosseini A, Engel G, Al-Bourini O",
                     "title": "A Rare Case of Primary Extraosseous Osteosarcoma (EOS) of the thigh: A Case Report",
                     "journal": "J Radiol Case Rep", "year": 2024, "doi": "10.3941/jrcr.5528", "verified": True},
        "story": "57-year-old man with an extraosseous osteosarcoma of the left rectus femoris: large irregular heterogeneously enhancing "
                 "mass, 9.5 x 6.2 x 8.0 cm, with solid and liquid parts; neoadjuvant systemic therapy then resection.",
        "birth": born(57, "2024-06-01"), "sex": "male", "date": "2024-06-01",
        "histology": "malignant-osteoid",
        "lesions": [{"site": "thigh", "side": "left", "size_cm": 9.5, "flags": {"intramuscular": True}}],
    },
    {
        "id": "askin-chest-wall-boy-mathew-2019",
        "expected": "askin-tumor",
        "citation": {"authors": "Mathew D, Prince DN, Mahomed N", "title": "Extra-skeletal Ewing Sarcoma of the chest wall in a child",
                     "journal": "S Afr J Radiol 23(1):a1733", "year": 2019, "pmid": "31754538", "doi": "10.4102/sajr.v23i1.1733", "verified": True},
        "story": "7-year-old boy with progressive dyspnoea; complete opacification of the left hemithorax; multiple enhancing left "
                 "pleural-based chest-wall masses with intra- and extrathoracic extension, no rib erosion and no calcification; core "
                 "biopsy: extraskeletal Ewing sarcoma of the chest wall (Askin tumour).",
        "birth": born(7, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "histology": "small-round-cell-tumour",
        "lesions": [{"site": "chest-wall", "side": "left", "flags": {"bone-erosion": False}}],
    },
    {
        "id": "ewing-extraskeletal-pleural-wu-2023",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": "Wu Y, et al.", "title": "Case report: Primary pleural giant extraskeletal Ewing sarcoma in a child",
                     "journal": "Front Oncol 13:1137586", "year": 2023, "pmid": "37064103", "doi": "10.3389/fonc.2023.1137586", "verified": True},
        "story": "11-year-old boy with six months of left shoulder pain without cause; tender left chest wall and shoulder with limited "
                 "movement; irregular soft-tissue mass of the upper left thorax on a wide pleural base destroying the left first rib; "
                 "biopsy: extraskeletal Ewing sarcoma.",
        "birth": born(11, "2022-06-01"), "sex": "male", "date": "2022-06-01",
        "histology": "small-round-cell-tumour",
        "lesions": [{"site": "chest-wall", "side": "left", "flags": {"painful": True, "bone-erosion": True}}],
    },
    {
        "id": "extraskeletal-mesenchymal-chondrosarcoma-leg-eurorad-16072",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": "González Méndez V, Merino Sánchez C, Bermejo Moríñigo A, Alcalá-Galiano A, Marín Toribio A",
                     "title": "Extraskeletal mesenchymal chondrosarcoma (Eurorad case 16072)", "journal": "Eurorad case 16072",
                     "year": None, "verified": False},
        "story": "66-year-old man with a slow-growing firm mass of the left leg, no pain, weakness or weight loss, skin intact; 5 cm deep "
                 "soft-tissue mass below the superficial fascia, densely calcified (small granular, streaky and amorphous central "
                 "calcification on CT), peripheral nodular enhancement on MRI: extraskeletal mesenchymal chondrosarcoma. Year of the "
                 "case not retrieved; work-up date approximate.",
        "birth": born(66, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "findings": {"weight-loss": False},
        "histology": "chondroid-neoplasm",
        "lesions": [{"site": "leg", "side": "left", "size_cm": 5, "pattern": "amorphous", "flags": {"painful": False}}],
    },
    {
        "id": "extraskeletal-chondrosarcoma-buttock-pathologica",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": "(authors not retrieved)",
                     "title": "Well-differentiated extraskeletal (extraosseous) chondrosarcoma of the soft tissue of the buttock (exact title not retrieved)",
                     "journal": "Pathologica (pathologica.it article 22)", "year": None, "verified": False},
        "story": "58-year-old woman with six months of a painless lump of the right hip/buttock; radiograph: soft-tissue mass with flaky "
                 "calcification; MRI: well-defined 12 cm mass; CT: well-demarcated mass with arciform calcification; biopsy and "
                 "resection: well-differentiated extraskeletal chondrosarcoma. Year not retrieved; work-up date approximate.",
        "birth": born(58, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "histology": "chondroid-neoplasm",
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 12, "pattern": "ring-and-arc", "flags": {"painful": False}}],
    },
    {
        "id": "extraskeletal-mesenchymal-chondrosarcoma-chest-shahnazari-2023",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": "Shahnazari R, et al.", "title": "Extraskeletal mesenchymal chondrosarcoma arising from soft tissues: A rare case report",
                     "journal": "Cancer Rep (Hoboken) 6(10):e1883", "year": 2023, "pmid": "37559178", "doi": "10.1002/cnr2.1883", "verified": True},
        "story": "38-year-old woman with two months of pain in the upper outer right breast region and a mass palpable for a week, outside "
                 "the breast and not attached to bone; biopsy (biphasic tumour): extraskeletal mesenchymal chondrosarcoma.",
        "birth": born(38, "2022-06-01"), "sex": "female", "date": "2022-06-01",
        "histology": "chondroid-neoplasm",
        "lesions": [{"site": "chest-wall", "side": "right", "flags": {"painful": True, "bone-contact": False}}],
    },
    {
        "id": "malignancy-hypercalcaemia-nonsecretory-myeloma-dadi-2024",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": "Dadi Y, et al.", "title": "Hypercalcemia with delayed diagnosis of non-secretory multiple myeloma (poster 662533)",
                     "journal": "AACE Annual Meeting 2024 (abstract)", "year": 2024, "verified": False},
        "story": "70-year-old man with four days of polydipsia, fatigue and light-headedness, on a loop diuretic, no calcium supplements. "
                 "Calcium 17.2 mg/dL (8.6-10.3; 9.6 three months earlier), creatinine 6.4 mg/dL (baseline 1.6-2.0), PTH 16 pg/mL, "
                 "phosphorus normal, PTHrP < 2 pM, 25-OH-D 8 ng/mL (30-100), 1,25-(OH)2D 21.2 pg/mL (19.9-79.3); multiple lytic bone "
                 "lesions; marrow 80% clonal plasma cells: non-secretory myeloma. No soft-tissue mass is described.",
        "birth": born(70, "2023-06-01"), "sex": "male", "date": "2023-06-01",
        "labs": {"calcium": (17.2, "mg/dL", (8.6, 10.3)), "creatinine": (6.4, "mg/dL"), "pth": (16, "pg/mL"), "phosphate": "N",
                 "vitd": (8, "ng/mL", (30, 100)), "calcitriol": (21.2, "pg/mL", (19.9, 79.3))},
        "findings": {"vitamin-d-or-calcium-excess": False},
    },
    {
        "id": "uremic-widespread-alfacalcidol-kamar-2016",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Kamar FB, Mann B, Kline G",
                     "title": "Sudden onset of parathyroid hormone-independent severe hypercalcemia from reversal of tumoral calcinosis in a dialysis patient",
                     "journal": "BMC Nephrol 17:137", "year": 2016, "doi": "10.1186/s12882-016-0355-y", "verified": True},
        "story": "54-year-old woman with polycystic kidney disease on peritoneal dialysis and long-term alfacalcidol, with widespread "
                 "tumoral calcinosis (large calcified cystic periarticular masses) and hypercalcaemic tertiary hyperparathyroidism; "
                 "the deposits dissolved after the vitamin D analogue was stopped and daily haemodialysis begun. The abstract does not "
                 "name the joints.",
        "birth": born(54, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "labs": {"calcium": "H", "pth": "H"},
        "findings": {"dialysis": True, "active-vitamin-d-therapy": True},
    },
    # ---------------------------------------------------------------- calciphylaxis
    {
        "id": "calciphylaxis-nonuremic-myeloma-bouchemla-2020",
        "expected": "calciphylaxis",
        "citation": {"authors": "Bouchemla N, Laamani A, Chettati M, Fadili W, Laouad I",
                     "title": "Nonuremic calciphylaxis in a patient with multiple myeloma and rheumatoid arthritis",
                     "journal": "Saudi J Kidney Dis Transpl 31(2):556-560", "year": 2020, "verified": False},
        "story": "62-year-old woman followed for rheumatoid arthritis for 20 years, admitted with two months of oedema, oliguria and "
                 "polyarthralgia; calciphylaxis (the skin lesions are described in the full text, not in the part read) with multiple "
                 "myeloma and amyloidosis.",
        "birth": born(62, "2019-06-01"), "sex": "female", "date": "2019-06-01",
        "findings": {"known-malignancy": True},
    },
    {
        "id": "calciphylaxis-haemodialysis-legs-cmaj-2011",
        "expected": "calciphylaxis",
        "citation": {"authors": "(authors not retrieved; CMAJ clinical image)", "title": "Calciphylaxis (clinical image; exact title not retrieved)",
                     "journal": "CMAJ 183(16):1882", "year": 2011, "doi": "10.1503/cmaj.110046", "verified": True},
        "story": "82-year-old man on haemodialysis for five years with three months of erythematous patches of the legs, then multiple "
                 "painful ulcers with thick dark eschar surrounded by indurated violaceous retiform plaques. Phosphate 1.95 mmol/L "
                 "(0.87-1.45), calcium and PTH normal; calcification of subcutaneous arterioles on histology and of the large leg "
                 "arteries on radiographs.",
        "birth": born(82, "2011-01-01"), "sex": "male", "date": "2011-01-01",
        "labs": {"phosphate-molar": (1.95, "mmol/L", (0.87, 1.45)), "calcium": "N", "pth": "N"},
        "findings": {"dialysis": True, "dialysis-years": 5, "retiform-purpura": True},
        "histology": "arteriolar-calcification",
        "lesions": [{"site": "leg", "side": "bilateral", "flags": {"painful": True, "skin-ulceration": True, "subcutaneous": True}}],
    },
    {
        "id": "calciphylaxis-diabetic-haemodialysis-sprague-2014",
        "expected": "calciphylaxis",
        "citation": {"authors": "Sprague SM", "title": "Painful Skin Ulcers in a Hemodialysis Patient",
                     "journal": "Clin J Am Soc Nephrol 9(1):166-173", "year": 2014, "pmid": "24202137", "doi": "10.2215/CJN.00320113", "verified": True},
        "story": "54-year-old man with diabetes, hypertension, coronary disease and atrial fibrillation, on thrice-weekly haemodialysis "
                 "for two years (ESRD from diabetes), referred for necrotic skin lesions; calcific uraemic arteriolopathy "
                 "(the lesion sites and laboratory values are in the part of the case not read, so no lesion is sent).",
        "birth": born(54, "2013-06-01"), "sex": "male", "date": "2013-06-01",
        "findings": {"dialysis": True, "dialysis-years": 2},
    },
    # ---------------------------------------------------------------- PTH resistance and deficiency
    {
        "id": "php1a-normocalcaemic-girl-kutlu-2019",
        "expected": "pseudohypoparathyroidism",
        "citation": {"authors": "Kutlu E, Özgen İT, Cesur Y, Yeşil G", "title": "Pseudohypoparathyroidism Type Ia with Normocalcemia",
                     "journal": "Bezmialem Science 7(2):170-173", "year": 2019, "doi": "10.14235/bas.galenos.2018.2207", "verified": True},
        "story": "Girl of 8 years 9 months with the Albright hereditary osteodystrophy phenotype (short stature, obesity, round face, low "
                 "nasal bridge, short metacarpals, mild intellectual disability); high PTH and hypothyroidism with normal calcium and "
                 "phosphorus; GNAS variant previously reported in PHP type Ia. No soft-tissue calcification is described.",
        "birth": "2009-09-01", "sex": "female", "date": "2018-06-01",
        "labs": {"pth": "H", "calcium": "N", "phosphate": "N"},
        "findings": {"albright-osteodystrophy": True},
        "genetics": [{"gene": "GNAS", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "php1a-infant-subcutaneous-ossification-pediatr-res-1998",
        "expected": "pseudohypoparathyroidism",
        "citation": {"authors": "(authors not retrieved)", "title": "(abstract: pseudohypoparathyroidism 1a with subcutaneous ossifications in a 4-year-old boy; title not retrieved)",
                     "journal": "Pediatr Res (meeting abstract)", "year": 1998, "verified": False},
        "story": "4-year-old boy with a strong family history of PHP and pseudo-PHP; subcutaneous ossifications noted at three weeks of "
                 "age and since on both feet, arms, legs, thighs and genital region; short stature, developmental delay, increased "
                 "weight, short fourth metacarpals, hypothyroidism; initially low calcium and high phosphate; PHP 1a diagnosed in "
                 "infancy. His mother has subcutaneous ossification around the ankles.",
        "birth": born(4, "1998-01-01"), "sex": "male", "date": "1998-01-01",
        "labs": {"calcium": "L", "phosphate": "H"},
        "findings": {"albright-osteodystrophy": True, "cutaneous-ossification": True, "family-history-calcinosis": True},
        "lesions": [{"site": "foot", "side": "bilateral", "flags": {"subcutaneous": True}}, {"site": "thigh", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "poh-boy-shoulder-plaques-singh-2011",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": "Singh GK, et al.", "title": "Progressive osseous heteroplasia in a 10-year-old male child",
                     "journal": "Indian J Orthop 45(3):280-282", "year": 2011, "pmid": "21559111", "doi": "10.4103/0019-5413.80050", "verified": True},
        "story": "Sporadic progressive osseous heteroplasia in a 10-year-old boy: progressive ossification of the skin and deep connective "
                 "tissue, with hard coalesced cutaneous plaques over the left shoulder and progressive restriction of movement.",
        "birth": born(10, "2010-06-01"), "sex": "male", "date": "2010-06-01",
        "findings": {"cutaneous-ossification": True, "family-history-calcinosis": False},
        "lesions": [{"site": "shoulder", "side": "left", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "hypoparathyroidism-late-postsurgical-semeraro-2020",
        "expected": "hypoparathyroidism",
        "citation": {"authors": "Semeraro A, et al.",
                     "title": "Late-onset postsurgical hypoparathyroidism following parathyroidectomy for recurrent primary hyperparathyroidism: a case report and literature review",
                     "journal": "Endocrine 69(2):402-409", "year": 2020, "pmid": "32435983", "doi": "10.1007/s12020-020-02344-y", "verified": True},
        "story": "Man with primary hyperparathyroidism from age 21 (adenomas resected three times) who at 52 developed asymptomatic "
                 "hypocalcaemia: total calcium 8.2 mg/dL with inappropriately low PTH 15 (the abstract writes ng/mL, an evident slip "
                 "for pg/mL; sent as pg/mL). No soft-tissue calcification is described.",
        "birth": born(52, "2018-09-01"), "sex": "male", "date": "2018-09-01",
        "labs": {"calcium": (8.2, "mg/dL"), "pth": (15, "pg/mL")},
        "findings": {"neck-surgery": True},
    },
    {
        "id": "hypoparathyroidism-tetany-brain-calcification-authorea",
        "expected": "hypoparathyroidism",
        "citation": {"authors": "(authors not retrieved)",
                     "title": "Postoperative permanent hypoparathyroidism with carpopedal spasms, tetany, seizure and extensive bilateral brain calcifications (exact title not retrieved)",
                     "journal": "Authorea (preprint)", "year": None, "verified": False},
        "story": "56-year-old woman, near-total thyroidectomy for papillary carcinoma 20 years earlier, off calcium and vitamin D for five "
                 "months: calf and hand spasms, carpopedal spasm, a generalised tonic-clonic seizure, positive Trousseau sign; cataract "
                 "surgery eight years earlier; extensive bilateral calcification of the basal ganglia, thalamus and cerebellum (laboratory values not in the part read). "
                 "Year not retrieved; work-up date approximate.",
        "birth": born(56, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "findings": {"neck-surgery": True, "tetany": True, "basal-ganglia-calcification": True, "known-malignancy": True},
    },
    {
        "id": "tumour-lysis-all-induction-solh-appel",
        "expected": "tumor-lysis-syndrome",
        "citation": {"authors": "Solh M, Appel J", "title": "Tumor Lysis Syndrome (Resident Grand Rounds)",
                     "journal": "Hospital Physician (Resident Grand Rounds series, ed. Perazella MA)", "year": None, "verified": False},
        "story": "39-year-old man with newly diagnosed B-cell acute lymphoblastic leukaemia, three days after the first cycle of hyper-CVAD "
                 "induction: fatigue, nausea, vomiting, muscle cramps and perioral numbness. Creatinine 2.3 mg/dL (0.8 on admission), "
                 "potassium 6.3 (reported in mEq/L, numerically mmol/L), calcium 6.3 mg/dL (8.7 baseline), phosphorus 7.6 mg/dL (3.3 "
                 "baseline), uric acid 15.6 mg/dL, LDH raised; uric acid crystals in the urine; long QT and peaked T waves. No soft-tissue "
                 "mass. Year not retrieved; work-up date approximate.",
        "birth": born(39, "2008-06-01"), "sex": "male", "date": "2008-06-01",
        "labs": {"creatinine": (2.3, "mg/dL"), "potassium": (6.3, "mmol/L"), "calcium": (6.3, "mg/dL"), "phosphate": (7.6, "mg/dL"),
                 "urate": (15.6, "mg/dL")},
        "findings": {"known-malignancy": True, "recent-cytotoxic-therapy": True, "tetany": True},
    },
    # ---------------------------------------------------------------- neurogenic heterotopic ossification
    {
        "id": "nho-bilateral-hips-after-coma-iorio-2021",
        "expected": "neurogenic-heterotopic-ossification",
        "citation": {"authors": "Iorio R, Viglietta E, Massafra C, Ferretti A",
                     "title": "Neurogenic Heterotopic Ossification of the Hip after Brain Injury. Function Recovery Preserving Hip Joint: A Case Report",
                     "journal": "J Orthop Case Rep", "year": 2021, "pmid": "35437503", "doi": "10.13107/jocr.2021.v11.i06.2276", "verified": True},
        "story": "39-year-old man, 14 days of post-traumatic coma after a car accident; after rehabilitation no residual neurological "
                 "deficit, but bilateral heterotopic ossification around both hips; 17 months after the trauma he was confined to bed, "
                 "unable to walk, stand or sit; functional resection.",
        "birth": born(39, "2020-06-01"), "sex": "male", "date": "2020-06-01",
        "findings": {"neurological-injury": True},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral"}],
    },
    {
        "id": "nho-left-hip-tbi-meriggi-2019",
        "expected": "neurogenic-heterotopic-ossification",
        "citation": {"authors": "Meriggi J, Weppner J",
                     "title": "23-year-old male patient with history of severe traumatic brain injury presents to inpatient rehabilitation with left hip pain and decreased range of motion",
                     "journal": "Am J Phys Med Rehabil (Teaching Images)", "year": 2019, "doi": "10.1097/PHM.0000000000001186", "verified": True},
        "story": "23-year-old man admitted to inpatient rehabilitation after a severe traumatic brain injury (71-day acute stay with "
                 "prolonged coma, spastic left hemiplegia, deep vein thromboses); passive movement of the left hip limited and painful; "
                 "pelvic radiograph: heterotopic ossification medial and lateral to the left hip joint.",
        "birth": born(23, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "findings": {"neurological-injury": True},
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"painful": True}}],
    },
    # ---------------------------------------------------------------- classic mimics
    {
        "id": "myositis-ossificans-soccer-thigh-bultheel-2016",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Bultheel M, Kirby JH, Viljoen JT, Viviers PL", "title": "An atypical presentation of myositis ossificans",
                     "journal": "S Afr J Sports Med 28(1):33-34", "year": 2016, "doi": "10.17159/2078-516X/2016/v28i1a465", "verified": True},
        "story": "21-year-old recreational soccer player with three weeks of right hip pain on kicking, sprinting and climbing stairs after "
                 "eight months of stiffness, without an obvious injury; radiographs: mature heterotopic bone in the upper anterolateral "
                 "right thigh; myositis ossificans, excised, no recurrence at 20 months.",
        "birth": born(21, "2015-06-01"), "sex": "male", "date": "2015-06-01",
        "findings": {"athletic-overuse": True},
        "lesions": [{"site": "thigh", "side": "right", "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "myositis-ossificans-no-trauma-aneiros-2010",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Aneiros-Fernandez J, Caba-Molina M, Arias-Santiago S, O'Valle F, Hernandez-Cortes P, Aneiros-Cachaza J",
                     "title": "Myositis Ossificans Circumscripta Without History of Trauma", "journal": "J Clin Med Res 2(3):142-144",
                     "year": 2010, "doi": "10.4021/jocmr2010.05.364w", "verified": True},
        "story": "35-year-old woman with a calcifying mass in the upper third of the lateral right thigh, with no history of trauma, which "
                 "looked malignant clinically and radiologically; histology: myositis ossificans circumscripta.",
        "birth": born(35, "2010-01-01"), "sex": "female", "date": "2010-01-01",
        "findings": {"trauma-at-site": False},
        "histology": "zonal-mature-bone",
        "lesions": [{"site": "thigh", "side": "right"}],
    },
    {
        "id": "gout-quadriceps-tophus-mimicking-sarcoma-hee-2010",
        "expected": "gouty-tophus",
        "citation": {"authors": "Hee LW, Singh VA, Jayalakshmi P", "title": "Can gout mimic a soft tissue tumour?",
                     "journal": "BMJ Case Rep 2010:bcr09.2009.2266", "year": 2010, "doi": "10.1136/bcr.09.2009.2266", "verified": True},
        "story": "50-year-old man referred to an orthopaedic oncology department with a swelling of the right thigh thought clinically and "
                 "on initial imaging to be a soft-tissue sarcoma; it was a gouty tophus of the quadriceps tendon.",
        "birth": born(50, "2009-06-01"), "sex": "male", "date": "2009-06-01",
        "histology": "urate-crystals",
        "lesions": [{"site": "thigh", "side": "right"}],
    },
    {
        "id": "gout-ankle-malleoli-dogan-gun-2006",
        "expected": "gouty-tophus",
        "citation": {"authors": "Doğan Gün B, Özdamar ŞO, Çolak S, Bahadır B, Mocan Kuzey G",
                     "title": "Tophaceous Gout of the Ankle Presenting as a Soft Tissue Mass: A Case Report of an Uncommon Presentation of a Common Disease",
                     "journal": "Turk J Phys Med Rehab 52(4)", "year": 2006, "verified": False},
        "story": "45-year-old man with a history of arthropathy and nodules on both lateral malleoli; uric acid 8.40 mg/dl (as written); "
                 "whitish-grey masses with amorphous crystal deposits and a foreign-body granulomatous reaction; birefringent monosodium "
                 "urate crystals.",
        "birth": born(45, "2006-01-01"), "sex": "male", "date": "2006-01-01",
        "labs": {"urate": (8.40, "mg/dl")},
        "histology": "urate-crystals",
        "lesions": [{"site": "ankle", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "cppd-tumoral-tmj-chan-2013",
        "expected": "cppd-deposition",
        "citation": {"authors": "Chan LWY, Chan CC, Wong FK",
                     "title": "Calcium Pyrophosphate Dihydrate Crystal Deposition Disease of the Temporomandibular Joint",
                     "journal": "Hong Kong J Radiol 16:e9-12", "year": 2013, "doi": "10.12809/hkjr1311049", "verified": True},
        "story": "73-year-old woman seen in February 2010 with a mass over the left temporomandibular joint for four months, enlarging then "
                 "static, painful at first; a 2 cm bony-hard mass; CT and histology of tumoral CPPD deposition.",
        "birth": born(73, "2010-02-15"), "sex": "female", "date": "2010-02-15",
        "histology": "cppd-crystals",
        "lesions": [{"site": "head-face", "side": "left", "size_cm": 2, "flags": {"painful": True}}],
    },
    {
        "id": "cppd-nodular-skull-base-morita",
        "expected": "cppd-deposition",
        "citation": {"authors": "Morita Y, Yamamoto N, Uchiyama T",
                     "title": "Nodular Pseudogout of the Skull Base Arising From the Temporomandibular Joint",
                     "journal": "(journal not retrieved)", "year": None, "verified": False},
        "story": "83-year-old woman with swelling of the left cheek; a large calcified mass around the left mandibular condyle partly "
                 "destroying bone and reaching the skull base, enhancing on MRI, suspected to be a chondrosarcoma; histology: "
                 "granulomas with rod- and diamond-shaped crystals, CPPD by X-ray diffraction (tophaceous pseudogout). Year not "
                 "retrieved; work-up date approximate.",
        "birth": born(83, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "histology": "cppd-crystals",
        "lesions": [{"site": "head-face", "side": "left", "flags": {"bone-erosion": True}}],
    },
    {
        "id": "calcific-tendinitis-gluteus-maximus-huang-2017",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Huang K, Murphy D, Dehghan N", "title": "Calcific tendinitis of the gluteus maximus of a 53-year-old woman",
                     "journal": "CMAJ 189(50):E1561", "year": 2017, "pmid": "29255101", "doi": "10.1503/cmaj.171308", "verified": True},
        "story": "Healthy 53-year-old woman with sudden severe left buttock pain without injury; exquisite tenderness of the left buttock "
                 "and upper lateral thigh, normal hip movement; CRP 19 mg/L (normal < 3); radiograph and CT: calcification at the "
                 "insertion of the gluteus maximus tendon on the femoral metaphysis (coded as calcification along a tendon).",
        "birth": born(53, "2017-06-01"), "sex": "female", "date": "2017-06-01",
        "labs": {"crp": (19, "mg/L", (0, 3))},
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "hip-gluteal", "side": "left", "pattern": "tendon-linear", "flags": {"painful": True, "bone-contact": True}}],
    },
    {
        "id": "calcific-tendinitis-bilateral-gluteus-medius-ellatif-2021",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Ellatif M, Razi F, Hogarth M, Thakkar D, Sahu A",
                     "title": "Bilateral gluteus medius and minimus calcific tendonitis in a patient with previous bilateral calcific tendonitis of the shoulder: A case report",
                     "journal": "Radiol Case Rep 16(11):3222-3225", "year": 2021, "pmid": "34484523", "doi": "10.1016/j.radcr.2021.07.074", "verified": True},
        "story": "51-year-old woman of Middle Eastern origin with acute-on-chronic lateral hip pain from calcific tendinitis of both "
                 "gluteus medius and minimus tendons, after previous bilateral rotator-cuff calcific tendinitis (tendon calcification coded as calcification along a tendon).",
        "birth": born(51, "2021-01-01"), "sex": "female", "date": "2021-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "pattern": "tendon-linear", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "bilateral", "pattern": "tendon-linear"}],
    },
    {
        "id": "fop-watch-the-great-toes-kartal-kaess-2010",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": "Kartal-Kaess M, Shore EM, Xu M, Schwering L, Uhl M, Korinthenberg R, Niemeyer CM, Kaplan FS, Lauten M",
                     "title": "Fibrodysplasia ossificans progressiva (FOP): watch the great toes!", "journal": "Eur J Pediatr 169:1417-",
                     "year": 2010, "doi": "10.1007/s00431-010-1232-5", "verified": True},
        "story": "17-year-old girl with malformed great toes whose first heterotopic ossification, after trauma, limited the left hip at 13; "
                 "radiographs read as myositis ossificans; repeated excisions of a recurrent lesion before FOP was recognised; ACVR1 "
                 "c.617G>A (R206H).",
        "birth": born(17, "2009-06-01"), "sex": "female", "date": "2009-06-01",
        "findings": {"great-toe-malformation": True, "trauma-at-site": True, "recurrence-after-excision": True},
        "genetics": [{"gene": "ACVR1", "present": True, "significance": "pathogenic"}],
        "lesions": [{"site": "hip-gluteal", "side": "left"}],
    },
    {
        "id": "milk-alkali-encephalopathy-rizk-2022",
        "expected": "milk-alkali",
        "citation": {"authors": "Rizk MA, Abourizk N, Kovalenko I, Golubykh K, Soni B, Zaccheo M, Zanders S",
                     "title": "Milk-Alkali Syndrome: How Electronic Medical Record Open Notes Helped to Rule Out Cancer",
                     "journal": "Am J Case Rep 23:e936969", "year": 2022, "doi": "10.12659/AJCR.936969", "verified": True},
        "story": "64-year-old man with encephalopathy, acute renal failure (anuric, needing haemodialysis), severe hypercalcaemia and "
                 "metabolic alkalosis; PTH appropriately suppressed, vitamin D low, protein electrophoresis and ACE normal; his partner, "
                 "reading the open notes, reported his heavy calcium intake. Values not in the abstract; no soft-tissue mass.",
        "birth": born(64, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "labs": {"calcium": "H", "creatinine": "H", "bicarbonate": "H", "pth": "L", "vitd": "L"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "vitamin-d-intoxication-supplement-error-jcem-2011",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": "(authors not retrieved; summary read on easacademy.org)",
                     "title": "Vitamin D intoxication with severe hypercalcemia due to manufacturing and labeling errors of two dietary supplements made in the United States",
                     "journal": "J Clin Endocrinol Metab 96(12):3603-3608", "year": 2011, "doi": "10.1210/jc.2011-1443", "verified": True},
        "story": "Case 1: 58-year-old man with three weeks of fatigue, hunger, polyuria and poor concentration, admitted obtunded; creatinine "
                 "high, mild anaemia, calcium 15.0 mg/dl (9-10.5), 25-OH-D 1220 ng/mL (30-80; the summary writes mg/mL), 1,25-(OH)2D 106 "
                 "pg/mL (15-75); a supplement labelled 1600 IU per dose contained 186,400 IU. No soft-tissue mass. (The summary gives "
                 "2012; volume 96 of the journal is 2011.)",
        "birth": born(58, "2011-01-01"), "sex": "male", "date": "2011-01-01",
        "labs": {"calcium": (15.0, "mg/dl", (9, 10.5)), "vitd": (1220, "ng/mL", (30, 80)), "calcitriol": (106, "pg/mL", (15, 75)), "creatinine": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "primary-hyperparathyroidism-classic-ethiopia-oas-2023",
        "expected": "primary-hyperparathyroidism",
        "citation": {"authors": "(authors not retrieved)", "title": "Rare Classic Presentation of Primary Hyperparathyroidism: A Case Report and Literature Review",
                     "journal": "Open Access Surg", "year": 2023, "doi": "10.2147/OAS.S433529", "verified": True},
        "story": "33-year-old man with the classic picture of primary hyperparathyroidism: multiple long-bone fractures, bilateral "
                 "nephrolithiasis with preserved renal function, raised PTH and calcium, a palpable left inferior parathyroid lesion; "
                 "hungry-bone hypocalcaemia after resection. No soft-tissue calcification is described.",
        "birth": born(33, "2023-06-01"), "sex": "male", "date": "2023-06-01",
        "labs": {"calcium": "H", "pth": "H", "creatinine": "N"},
    },
    {
        "id": "sarcoidosis-cola-soft-tissue-calcification-healio-2016",
        "expected": "sarcoidosis",
        "citation": {"authors": "(authors not retrieved; Endocrine Today case column)", "title": "Cola, sarcoid and soft-tissue calcification",
                     "journal": "Endocrine Today (Healio)", "year": 2016, "verified": False},
        "story": "43-year-old black man with growing firm soft-tissue masses up to 5 cm over the right elbow, hand and finger (not in the "
                 "joints), polyuria and thirst, drinking 6-8 cups of cola a day; fingertip biopsy: calcinosis cutis. Creatinine 7.5 mg/dL "
                 "(0.8-1.3), calcium 11.3 mg/dL (8.4-10.2), albumin 4 g/dL, phosphorus 6.8 mg/dL (2.3-3.7), 25-OH-D 30 ng/mL, "
                 "1,25-(OH)2D 27 pg/mL (6-62), PTH 4 pg/mL (11-80), PTHrP < 2 pmol/L, ACE 104 U/L (9-67); pulmonary nodules, renal "
                 "calcinosis and calcium deposits beside both greater trochanters; transbronchial biopsy: non-caseating granulomas.",
        "birth": born(43, "2014-06-01"), "sex": "male", "date": "2014-06-01",
        "labs": {"creatinine": (7.5, "mg/dL", (0.8, 1.3)), "calcium": (11.3, "mg/dL", (8.4, 10.2)), "albumin": (4, "g/dL"),
                 "phosphate": (6.8, "mg/dL", (2.3, 3.7)), "vitd": (30, "ng/mL", (30, 100)), "calcitriol": (27, "pg/mL", (6, 62)),
                 "pth": (4, "pg/mL", (11, 80))},
        "lesions": [{"site": "elbow", "side": "right", "size_cm": 5, "flags": {"intra-articular": False}},
                    {"site": "hand", "side": "right"}, {"site": "finger", "side": "right", "flags": {"subcutaneous": True}},
                    {"site": "hip-gluteal", "side": "bilateral"}],
    },
    {
        "id": "synovial-chondromatosis-locking-knee-jcdr-2011",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "(authors not retrieved)", "title": "Synovial Chondromatosis Presenting as a Locking Sensation of the Knee in a 65 Year Old Female Patient",
                     "journal": "J Clin Diagn Res 5(4):846-848", "year": 2011, "verified": False},
        "story": "65-year-old woman with a locking sensation at every movement of the right knee; multiple calcified loose bodies in the "
                 "joint, removed arthroscopically with synovectomy.",
        "birth": born(65, "2011-06-01"), "sex": "female", "date": "2011-06-01",
        "findings": {"joint-locking": True},
        "lesions": [{"site": "knee", "side": "right", "flags": {"intra-articular": True}}],
    },
    {
        "id": "secondary-synovial-chondromatosis-knee-kalaivanan",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "Kalaivanan S, Chockalingam S, Ramasamy PR", "title": "Secondary Synovial Chondromatosis of the knee Joint - a case report",
                     "journal": "Kauverian Scientific Journal (Kauvery Hospital)", "year": None, "verified": False},
        "story": "71-year-old man with three years of recurrent right knee pain, worse for a month, with stiffness and intermittent swelling, "
                 "no injury; effusion; X-ray and MRI: synovial chondromatosis secondary to osteoarthritis, treated arthroscopically. "
                 "Year not retrieved; work-up date approximate.",
        "birth": born(71, "2022-06-01"), "sex": "male", "date": "2022-06-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "knee", "side": "right", "flags": {"intra-articular": True, "painful": True}}],
    },
    {
        "id": "juvenile-dermatomyositis-calcinosis-ulceration-meher-2014",
        "expected": "dermatomyositis",
        "citation": {"authors": "Meher BK, Mishra P, Sivaraj P, Padhan P",
                     "title": "Severe Calcinosis Cutis with Cutaneous Ulceration in Juvenile Dermatomyositis",
                     "journal": "Indian Pediatr 51:925-927", "year": 2014, "verified": False},
        "story": "7-year-old girl presenting with severe calcinosis cutis with skin ulceration, then rash and myopathy; myopathic EMG, "
                 "muscle oedema on MRI, raised muscle enzymes, anti-Jo-1 positive; improved with prednisolone and methotrexate. The abstract does not name the sites, so no lesion is sent.",
        "birth": born(7, "2014-06-01"), "sex": "female", "date": "2014-06-01",
        "labs": {"ck": "H"},
        "findings": {"skin-rash": True, "proximal-muscle-weakness": True},
    },
    {
        "id": "calcinosis-universalis-jdm-toddler-ya-ling-2012",
        "expected": "calcinosis-universalis",
        "citation": {"authors": "Ya-ling L, Jing H, Qian L", "title": "A severe case of universal calcinosis with juvenile dermatomyositis",
                     "journal": "Indian J Dermatol Venereol Leprol 78:774", "year": 2012, "verified": False},
        "story": "Girl admitted at 16 months (March 2009) with four months of raised muscle enzymes after a cold (CK fluctuating 400-1000 "
                 "U/L), first called myocarditis; she gradually lost limb activity and could not walk; no rash; neck and limb strength "
                 "4/5; juvenile dermatomyositis on muscle biopsy, later extensive (universal) calcinosis cutis.",
        "birth": "2007-11-01", "sex": "female", "date": "2009-03-01",
        "labs": {"ck": (1000, "U/L")},
        "findings": {"proximal-muscle-weakness": True, "dermatomyositis-rash": False, "family-history-calcinosis": False},
    },
    {
        "id": "calcifying-aponeurotic-fibroma-finger-choi-2008",
        "expected": "calcifying-aponeurotic-fibroma",
        "citation": {"authors": "Choi, Ahn, Kang, Lee, Park, Ryu, Jung (initials not retrieved)",
                     "title": "Calcifying Aponeurotic Fibroma with Osseous Involvement of the Finger: a Case Report with Radiologic and US Findings",
                     "journal": "Korean J Radiol 9(1)", "year": 2008, "verified": False},
        "story": "36-year-old woman without trauma with a year-old palpable mass on the volar ulnar side of the left middle finger at the "
                 "distal interphalangeal joint: 1 x 1.5 cm, hard, non-tender, fixed; normal joint motion; radiograph: calcifying "
                 "soft-tissue mass with large cortical scalloping of the distal phalanx.",
        "birth": born(36, "2007-06-01"), "sex": "female", "date": "2007-06-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "finger", "side": "left", "size_cm": 1.5, "flags": {"painful": False, "bone-erosion": True, "bone-contact": True}}],
    },
    {
        "id": "calcifying-aponeurotic-fibroma-toe-ckd-kessab-2021",
        "expected": "calcifying-aponeurotic-fibroma",
        "citation": {"authors": "Kessab A, Chalouah B, Azzakhmam M, Benchakroun M, Bouaabid AS, Rouas L",
                     "title": "Calcifying Aponeurotic Fibroma in Children: Case Report", "journal": "J Pediatr Endocrinol 6(1):1039",
                     "year": 2021, "verified": False},
        "story": "14-year-old schoolboy followed for chronic renal failure with small kidneys who presented with a pathological fracture "
                 "of the left great toe with a lytic lesion on the radiograph; calcifying aponeurotic fibroma on histology.",
        "birth": born(14, "2020-06-01"), "sex": "male", "date": "2020-06-01",
        "findings": {"chronic-kidney-disease": True},
        "lesions": [{"site": "toe", "side": "left", "flags": {"bone-erosion": True}}],
    },
    {
        "id": "calcific-myonecrosis-shotgun-leg-tuncay",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": "Tuncay IC, Demirors H, Isiklar U, Aglidere M, Demirhan B, Tandogan NR",
                     "title": "Calcified myonecrosis of the leg 42 years after a shot-gun wound (exact title not retrieved)",
                     "journal": "Joint Diseases and Related Surgery (jointdrs.org abstract 836)", "year": None, "verified": False},
        "story": "64-year-old man, 42 years after a shotgun wound of the right leg treated conservatively (he vaguely recalled symptoms of a "
                 "compartment syndrome), with a soft-tissue mass of the anterior compartment: a peripherally calcified cystic mass "
                 "continuous with the tibialis anterior muscle belly, excised. Year not retrieved; work-up date approximate.",
        "birth": born(64, "2005-06-01"), "sex": "male", "date": "2005-06-01",
        "findings": {"trauma-at-site": True, "compartment-syndrome-history": True},
        "lesions": [{"site": "leg", "side": "right", "flags": {"intramuscular": True}}],
    },
    {
        "id": "calcific-myonecrosis-95-year-old-eurorad-17912",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": "Peixoto A, Pereira Dias R, Leitão J", "title": "Calcific myonecrosis following a 70-year-old trauma event",
                     "journal": "Eurorad case 17912", "year": 2022, "verified": False},
        "story": "95-year-old man with swelling, redness and a skin ulcer of the left leg treated as cellulitis; leg fracture at 20 with "
                 "tibial screws; an extensive fusiform mass of the anterior compartment with eggshell peripheral and amorphous and linear "
                 "calcifications.",
        "birth": born(95, "2022-06-01"), "sex": "male", "date": "2022-06-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "leg", "side": "left", "pattern": "sheet-linear",
                     "flags": {"intramuscular": True, "inflammatory-signs": True, "skin-ulceration": True}}],
    },
    {
        "id": "iatrogenic-calcinosis-hand-infant-jmcr-2022",
        "expected": "iatrogenic-calcium-deposition",
        "citation": {"authors": "(authors not retrieved)", "title": "Iatrogenic calcinosis cutis in 9-month-old baby boy: a case report",
                     "journal": "J Med Case Rep", "year": 2022, "doi": "10.1186/s13256-022-03306-w", "verified": True},
        "story": "9-month-old Saudi boy with mild eczema, treated a month earlier with intravenous calcium gluconate on the same side for a "
                 "hypocalcaemic seizure with vitamin D deficiency, presenting with five days of swelling of the dorsum of the left hand "
                 "extending above the wrist, tender and warm, soft then hard; afebrile; no family history or consanguinity.",
        "birth": born(0.75, "2021-06-01"), "sex": "male", "date": "2021-06-01",
        "findings": {"calcium-injection-at-site": True, "fever": False, "consanguinity": False, "family-history-calcinosis": False},
        "lesions": [{"site": "hand", "side": "left", "flags": {"painful": True, "inflammatory-signs": True, "subcutaneous": True}}],
    },
    {
        "id": "iatrogenic-calcinosis-neonate-foot-hetaimish-2024",
        "expected": "iatrogenic-calcium-deposition",
        "citation": {"authors": "Hetaimish B", "title": "Neonatal Calcinosis Cutis After Treatment of Hypocalcemia with Calcium Gluconate: A Report of 2 Cases",
                     "journal": "Am J Case Rep 25:e943397", "year": 2024, "doi": "10.12659/AJCR.943397", "verified": True},
        "story": "Case 1: 12-day-old boy, recently discharged after evacuation of a subdural haematoma that caused seizures, with a mass of "
                 "the right foot with erythema and no discharge; soft-tissue calcification on the radiograph; two peripheral intravenous "
                 "calcium gluconate infusions for hypocalcaemia during the admission; resolved in three weeks.",
        "birth": "2024-01-01", "sex": "male", "date": "2024-01-13",
        "findings": {"calcium-injection-at-site": True},
        "lesions": [{"site": "foot", "side": "right", "flags": {"inflammatory-signs": True, "skin-ulceration": False}}],
    },
    {
        "id": "cysticercosis-rice-grain-incidental-mendes-2018",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Mendes EM, Santos L, Ribeiro C, Guerra D", "title": "Asymptomatic intramuscular cysticercosis",
                     "journal": "Int J Case Rep Images 9:100889Z01EM2018", "year": 2018, "doi": "10.5348/100889Z01EM2018CL", "verified": True},
        "story": "83-year-old woman with previous stroke and vascular dementia admitted with an acute left middle cerebral artery stroke; "
                 "chest radiograph and earlier pelvic and limb images: numerous 'rice grain' calcifications in the plane of the muscle "
                 "fibres of the thorax, pelvis and upper and lower limbs; no muscle pain; laboratory tests unremarkable; disseminated "
                 "cysticercosis with muscular involvement (serology not done). Rice-grain calcifications coded as punctate.",
        "birth": born(83, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "lesions": [{"site": "chest-wall", "side": "bilateral", "pattern": "punctate", "flags": {"intramuscular": True, "painful": False}},
                    {"site": "thigh", "side": "bilateral", "pattern": "punctate", "flags": {"intramuscular": True, "painful": False}}],
    },
    {
        "id": "muscular-cysticercosis-calf-prabhakar-2012",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Prabhakar S, Rangdal SS, Dhatt SS, Prakash M, Dhillon MS",
                     "title": "Isolated Muscular Cysticercosis: A Rare Pseudotumor and Diagnostic Challenge, can It be treated Nonoperatively? A Report of Two Cases and Review of Literature",
                     "journal": "J Postgrad Med Edu Res 46(1):43-48", "year": 2012, "doi": "10.5005/jp-journals-10028-1011", "verified": True},
        "story": "Case 1: 45-year-old man with a tender two-week swelling of 4 x 5 cm on the medial right proximal calf; ultrasound: "
                 "hypoechoic cyst with a hyperechoic scolex; MRI: isolated cyst in inflamed muscle; FNAC: cysticercosis; cured with "
                 "albendazole and steroids. (A live cyst, not yet calcified.)",
        "birth": born(45, "2011-06-01"), "sex": "male", "date": "2011-06-01",
        "lesions": [{"site": "leg", "side": "right", "size_cm": 5, "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "pxe-neck-papules-renal-microcalcification-pmc4921335",
        "expected": "pseudoxanthoma-elasticum",
        "citation": {"authors": "(authors not retrieved)", "title": "Pseudoxanthoma elasticum with cutaneous features and renal cortical microcalcifications (exact title not retrieved)",
                     "journal": "(journal not retrieved; PubMed Central)", "year": None, "pmcid": "PMC4921335", "verified": False},
        "story": "32-year-old woman with six years of mildly itchy skin-coloured papules on the neck; her 26-year-old sister has similar "
                 "lesions; non-consanguineous parents; yellow papules on the anterior and lateral neck, a plaque on the nape, reticular "
                 "papules in the axillae; no angioid streaks; normal haematology and biochemistry; skin biopsy diagnostic of PXE; renal "
                 "cortical microcalcifications. Year not retrieved; work-up date approximate.",
        "birth": born(32, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "labs": {"calcium": "N", "phosphate": "N", "creatinine": "N"},
        "findings": {"angioid-streaks": False, "consanguinity": False},
        "lesions": [{"site": "neck", "side": "bilateral", "flags": {"subcutaneous": True}}, {"site": "axilla", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "lupus-dystrophic-calcification-buttocks-kruszewska-2021",
        "expected": "lupus",
        "citation": {"authors": "Kruszewska A, et al.", "title": "Dystrophic calcifications in case of a patient with systemic lupus erythematosus - case report and literature review",
                     "journal": "Pol Ann Med 28(2):224-228", "year": 2021, "verified": False},
        "story": "49-year-old woman with a 17-year history of systemic lupus erythematosus who developed nodular lesions of the buttocks; "
                 "calcification on radiology and histology; calcium metabolism normal; dystrophic calcinosis of SLE.",
        "birth": born(49, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "labs": {"calcium": "N", "phosphate": "N"},
        "findings": {"lupus-features": True},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "lupus-calcinosis-popliteal-osman-2025",
        "expected": "lupus",
        "citation": {"authors": "Osman MOA, Imad Z, Abdalla Y, Hamza SB, Gafar M, Ali OMA",
                     "title": "Calcinosis Cutis in a Patient With Systemic Lupus Erythematosus: A Case Report",
                     "journal": "Cureus", "year": 2025, "doi": "10.7759/cureus.98457", "verified": True},
        "story": "40-year-old woman with known SLE and painful skin lesions over both popliteal regions, body aches, fever worse at night, "
                 "small- and large-joint pain, pruritus, hair loss, dry mouth and right hip swelling for five years; ANA 1:160, anti-dsDNA "
                 "positive, calcium and phosphorus normal, ESR raised; multiple soft-tissue calcifications of the knees and pelvis; "
                 "biopsy: massive calcified material in the subcutis (calcinosis cutis).",
        "birth": born(40, "2025-06-01"), "sex": "female", "date": "2025-06-01",
        "labs": {"calcium": "N", "phosphate": "N"},
        "findings": {"lupus-features": True, "ana-positive": True, "fever": True},
        "lesions": [{"site": "knee", "side": "bilateral", "flags": {"painful": True, "subcutaneous": True}},
                    {"site": "hip-gluteal", "side": "right"}],
    },
    {
        "id": "venous-malformation-upper-limb-phleboliths-child-jocr-2023",
        "expected": "venous-malformation",
        "citation": {"authors": "Palo N, et al.", "title": "Scattered musculoskeletal venous malformations in children: a rare report on clinical evaluation and sclerotherapy with adjunctive stasis of efflux",
                     "journal": "J Orthop Case Rep", "year": 2023, "verified": False},
        "story": "11-year-old girl with multiple painful swellings throughout the right upper limb (hand, forearm, arm and shoulder, several "
                 "compartments); bluish discoloration of the digital swellings; D-dimer 2.42 mg/L; radiographs, ultrasound, MRI and CT "
                 "angiography: slow-flow venous malformations with phleboliths, confirmed by excision biopsy.",
        "birth": born(11, "2022-06-01"), "sex": "female", "date": "2022-06-01",
        "findings": {"soft-compressible-bluish-mass": True},
        "histology": "vascular-malformation",
        "lesions": [{"site": "forearm", "side": "right", "pattern": "phlebolith", "flags": {"painful": True}},
                    {"site": "hand", "side": "right", "pattern": "phlebolith", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "right", "pattern": "phlebolith"}],
    },
    {
        "id": "hemangioma-forearm-phlebolith-contracture-crior-2019",
        "expected": "hemangioma",
        "citation": {"authors": "(authors not retrieved)", "title": "Intramuscular Hemangioma of the Forearm with Flexion Contracture",
                     "journal": "Case Rep Orthop (Hindawi) 2019:6024039", "year": 2019, "verified": False},
        "story": "25-year-old man with four years of right forearm pain and flexion contracture of the fingers; severe tenderness of the "
                 "mid-forearm; radiograph: a soft-tissue phlebolith; MRI: well-defined lobulated mass in the deep anterior compartment "
                 "partly involving the FDP tendon; excised intramuscular haemangioma.",
        "birth": born(25, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "histology": "vascular-malformation",
        "lesions": [{"site": "forearm", "side": "right", "pattern": "phlebolith", "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "chronic-expanding-haematoma-thigh-cebesoy-2008",
        "expected": "calcified-hematoma",
        "citation": {"authors": "Cebesoy O, Tutar E, Arpacioglu O", "title": "Spontaneous giant expanding thigh hematoma mimicking soft tissue neoplasm",
                     "journal": "Joint Bone Spine 75(1):64-66", "year": 2008, "doi": "10.1016/j.jbspin.2007.01.041", "verified": True},
        "story": "68-year-old man with a three-year history of a painful firm nodule over the lateral left thigh that grew into a giant "
                 "mass, without trauma or chronic disease; imaging inconclusive; histology after excision: chronic expanding haematoma. "
                 "(The model's nearest code is calcified haematoma; calcification is not described in the abstract.)",
        "birth": born(68, "2007-01-01"), "sex": "male", "date": "2007-01-01",
        "findings": {"trauma-at-site": False},
        "histology": "organised-haematoma",
        "lesions": [{"site": "thigh", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "ancient-haematoma-calf-aps-2016",
        "expected": "calcified-hematoma",
        "citation": {"authors": "(authors not retrieved; corresponding author Lee IJ)", "title": "Huge Ancient Hematoma in the Calf",
                     "journal": "Arch Plast Surg 43(1):105-107", "year": 2016, "doi": "10.5999/aps.2016.43.1.105", "verified": True},
        "story": "44-year-old man with a protruding 10 x 15 cm mass of the right calf and numbness of the leg from compression; a pedestrian "
                 "accident 20 years earlier with right knee surgery, after which the mass was palpable and left untreated; ancient "
                 "(chronic expanding) haematoma.",
        "birth": born(44, "2015-01-01"), "sex": "male", "date": "2015-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "leg", "side": "right", "size_cm": 15}],
    },
    # ================================================================ second batch (pass 4, written blind to the knowledge)
    # ---------------------------------------------------------------- hyperphosphatemic familial TC
    {
        "id": "hftc-chinese-brother-sole-hip",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "(authors not retrieved)", "title": "Familial tumoral calcinosis in two Chinese patients: a case series",
                     "journal": "(open-access case-report journal; not retrieved)", "year": None, "verified": False},
        "story": "14-year-old Han Chinese boy with an eight-year history of tumoral calcinosis: first operation on the right sole at six, "
                 "then further operations for lesions of the right sole and the left hip; his sister is affected. Histology: tumoral "
                 "calcinosis. Hyperphosphataemia with normal calcium and alkaline phosphatase (values not in the abstract).",
        "birth": born(14, "2011-01-01"), "sex": "male", "date": "2011-01-01",
        "labs": {"phosphate": "H", "calcium": "N", "alp": "N"},
        "findings": {"family-history-calcinosis": True, "recurrence-after-excision": True},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "palm-sole", "side": "right"}, {"site": "hip-gluteal", "side": "left"}],
    },
    {
        "id": "hftc-chinese-sister-gluteal-recurrent",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "(authors not retrieved)", "title": "Familial tumoral calcinosis in two Chinese patients: a case series",
                     "journal": "(open-access case-report journal; not retrieved)", "year": None, "verified": False},
        "story": "16-year-old Han Chinese girl, sister of the previous patient, first operated on at six for a left gluteal mass, with "
                 "recurrences at the same site needing further surgery; histology tumoral calcinosis; hyperphosphataemia with normal "
                 "calcium and alkaline phosphatase.",
        "birth": born(16, "2011-01-01"), "sex": "female", "date": "2011-01-01",
        "labs": {"phosphate": "H", "calcium": "N", "alp": "N"},
        "findings": {"family-history-calcinosis": True, "recurrence-after-excision": True},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "hip-gluteal", "side": "left"}],
    },
    {
        "id": "tc-boy-hip-sinuses-sedimentation-eurorad",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "(authors not retrieved; Eurorad case mirrored on boraymedical.com case 30)",
                     "title": "(tumoral calcinosis of the hip in a 12-year-old boy; exact title not retrieved)",
                     "journal": "Eurorad (mirror)", "year": None, "verified": False},
        "story": "12-year-old boy with an eight-year focal swelling over the right hip, no trauma or systemic disorder; multiple hard masses "
                 "with two sinuses exuding thick paste-like material; phosphorus 7.9 mg/dl ('mildly raised'); large multilobulated "
                 "periarticular calcific mass with multiple fluid-calcium levels (sedimentation sign), displacing the femoral head; "
                 "biopsy: calcium deposits with foreign-body giant cells (tumoral calcinosis).",
        "birth": born(12, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "labs": {"phosphate": (7.9, "mg/dl")},
        "findings": {"trauma-at-site": False},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "hip-gluteal", "side": "right", "pattern": "lobulated-cloudlike",
                     "flags": {"fluid-calcium-level": True, "skin-ulceration": True}}],
    },
    # ---------------------------------------------------------------- malignancies
    {
        "id": "synovial-sarcoma-knee-boy-vlok-2014",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Vlok SSC, Wagener GWW, Zaharie D", "title": "Synovial sarcoma",
                     "journal": "S Afr J Radiol 18(2)", "year": 2014, "doi": "10.4102/sajr.v18i2.704", "verified": True},
        "story": "14-year-old boy with a one-year history of a tender, slowly growing juxta-articular mass of the left knee; a calcified "
                 "juxta-articular soft-tissue mass of insidious onset; synovial sarcoma.",
        "birth": born(14, "2013-06-01"), "sex": "male", "date": "2013-06-01",
        "histology": "spindle-cell-sarcoma",
        "lesions": [{"site": "knee", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "esos-subcutaneous-upper-arm-nakamura-2010",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Nakamura T, Matsumine A, Nishimura K, Yokoyama H, Murata T, Uchida A, Sudo A",
                     "title": "Extraskeletal subcutaneous osteosarcoma of the upper arm: A case report",
                     "journal": "Oncol Lett 2(1):75-77", "year": 2010, "doi": "10.3892/ol.2010.204", "verified": True},
        "story": "79-year-old man with a subcutaneous tumour of the upper arm; imaging and pathology: subcutaneous (extraskeletal) "
                 "osteosarcoma.",
        "birth": born(79, "2010-06-01"), "sex": "male", "date": "2010-06-01",
        "histology": "malignant-osteoid",
        "lesions": [{"site": "other", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "esos-dorsal-foot-subcutaneous-apjcc",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "(authors not retrieved)", "title": "(extraskeletal osteosarcoma of the dorsum of the foot mimicking an extraskeletal chondroma; exact title not retrieved)",
                     "journal": "Asian Pac J Cancer Care (waocp.com)", "year": None, "verified": False},
        "story": "60-year-old man with diabetes and hypertension and a swelling of the dorsum of the left foot: a 36 x 21 mm, largely "
                 "calcified, well-circumscribed subcutaneous lesion with peripheral enhancement at the level of the second metatarsal; "
                 "imaging suggested an extraskeletal chondroma; excision: extraskeletal osteosarcoma.",
        "birth": born(60, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "histology": "malignant-osteoid",
        "lesions": [{"site": "foot", "side": "left", "size_mm": 36, "flags": {"subcutaneous": True}}],
    },
    {
        "id": "emc-calcified-neck-after-radiotherapy-pmc5083120",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": "(authors not retrieved)", "title": "(extraskeletal myxoid chondrosarcoma of the neck with extensive calcifications; exact title not retrieved)",
                     "journal": "(journal not retrieved)", "year": None, "pmcid": "PMC5083120", "verified": True},
        "story": "62-year-old woman, nine years after chemoradiotherapy for nasopharyngeal carcinoma, with a right anterior neck mass "
                 "enlarging over three months: a well-demarcated 5.0 x 3.0 cm enhancing soft-tissue mass with dense calcifications; "
                 "histology: extraskeletal myxoid chondrosarcoma.",
        "birth": born(62, "2016-01-01"), "sex": "female", "date": "2016-01-01",
        "findings": {"known-malignancy": True},
        "histology": "chondroid-neoplasm",
        "lesions": [{"site": "neck", "side": "right", "size_cm": 5.0}],
    },
    {
        "id": "emc-myxoid-thigh-16cm-tiwari",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": "Tiwari K, Mere K", "title": "Extraskeletal Myxoid Chondrosarcoma of Thigh: A Case of Uncertain Origin",
                     "journal": "Ann Pathol Lab Med (pacificejournals.com)", "year": None, "verified": False},
        "story": "60-year-old man with a painful, slowly growing mass on the right thigh for about a year; FNAC: chondromyxoid stroma; "
                 "excised tumour 16 x 14 x 10 cm, lobulated, gelatinous; extraskeletal myxoid chondrosarcoma (no calcification described).",
        "birth": born(60, "2021-01-01"), "sex": "male", "date": "2021-01-01",
        "histology": "chondroid-neoplasm",
        "lesions": [{"site": "thigh", "side": "right", "size_cm": 16, "flags": {"painful": True}}],
    },
    {
        "id": "ees-deltoid-covid-delay-mafi-2021",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": "Mafi AR, Barati H, Ramezani K", "title": "Primary Extraosseous Ewing Sarcoma of the Upper Limb: Report of a Rare Case",
                     "journal": "Int J Cancer Manag 14(9):e113387", "year": 2021, "doi": "10.5812/ijcm.113387", "verified": True},
        "story": "27-year-old woman with an extraosseous Ewing sarcoma of the right deltoid region, seen after a three-month delay when the "
                 "tumour had reached a huge size; neoadjuvant therapy, surgery postponed, pulmonary metastases and death.",
        "birth": born(27, "2020-06-01"), "sex": "female", "date": "2020-06-01",
        "histology": "small-round-cell-tumour",
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"rapid-growth": True, "intramuscular": True}}],
    },
    {
        "id": "askin-17-year-old-cough-weight-loss-benbrahim-2013",
        "expected": "askin-tumor",
        "citation": {"authors": "Benbrahim Z, Arifi S, Daoudi K, Serraj M, Amara B, Benjelloun MC, Mellas N, El Mesbahi O",
                     "title": "Askin's tumor: a case report and literature review", "journal": "World J Surg Oncol 11:10", "year": 2013,
                     "doi": "10.1186/1477-7819-11-10", "verified": True},
        "story": "17-year-old woman with two months of cough, weight loss and right-sided chest pain; decreased breath sounds on the right; "
                 "laboratory tests normal; Askin's tumour (primitive neuroectodermal tumour of the chest wall) with a major response to "
                 "polychemotherapy.",
        "birth": born(17, "2012-01-01"), "sex": "female", "date": "2012-01-01",
        "findings": {"weight-loss": True},
        "histology": "small-round-cell-tumour",
        "lesions": [{"site": "chest-wall", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "askin-giant-anterior-chest-wall-laine",
        "expected": "askin-tumor",
        "citation": {"authors": "Laine M, Abderrahmani Ghorfi I, Lambatten D, Kettani F, Abid A",
                     "title": "Rapidly fatal Askin's tumor: a case report and literature review", "journal": "Pan Afr Med J 18:104",
                     "year": 2014, "verified": False},
        "story": "18-year-old man with a mass of the right anterior chest wall: heterogeneous 19 x 13 cm right hemithoracic mass with "
                 "necrosis, pleural effusion and infiltration of the chest-wall soft tissues; CT-guided biopsy: small round cells, CD99 "
                 "positive: Askin's tumour; died two months later.",
        "birth": born(18, "2014-01-01"), "sex": "male", "date": "2014-01-01",
        "histology": "small-round-cell-tumour",
        "lesions": [{"site": "chest-wall", "side": "right", "size_cm": 19}],
    },
    {
        "id": "synovial-sarcoma-plantar-neural-racz-2010",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Racz R, Belczyk R, Williams RP, Fernandez MP, Zgonis T", "title": "Synovial Sarcoma of the Foot: A Case Report",
                     "journal": "J Am Podiatr Med Assoc 100(3):216-219", "year": 2010, "verified": False},
        "story": "40-year-old woman with neural symptoms in the medial right foot and ankle; radiographs unremarkable; MRI: a relatively "
                 "well-defined enhancing plantar soft-tissue lesion from the master knot of Henry to the tibialis posterior tendon; "
                 "synovial sarcoma treated by transtibial amputation.",
        "birth": born(40, "2009-06-01"), "sex": "female", "date": "2009-06-01",
        "histology": "spindle-cell-sarcoma",
        "lesions": [{"site": "palm-sole", "side": "right"}],
    },
    {
        "id": "synovial-sarcoma-foot-after-knock-metatarsal-destruction",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "(authors not retrieved)", "title": "Synovial sarcoma arising in the foot: case report",
                     "journal": "(journal not retrieved)", "year": None, "verified": False},
        "story": "Previously healthy 19-year-old man who hit his right foot against a refrigerator; initial radiographs negative, six weeks "
                 "later destruction of the metatarsals; fine-needle aspiration: primary synovial sarcoma, with lung metastases; "
                 "amputation at Chopart's joint.",
        "birth": born(19, "2015-01-01"), "sex": "male", "date": "2015-01-01",
        "findings": {"trauma-at-site": True},
        "histology": "spindle-cell-sarcoma",
        "lesions": [{"site": "foot", "side": "right", "flags": {"bone-erosion": True}}],
    },
    {
        "id": "synovial-sarcoma-ankle-56-year-old-pamj",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "(authors not retrieved)", "title": "Synovial sarcoma under the lens: a case report",
                     "journal": "Pan Afr Med J (ajol.info article 292470)", "year": None, "verified": False},
        "story": "56-year-old man with a swelling above the right ankle; soft-tissue oedema across the lateral malleolus on imaging; "
                 "histopathology: synovial sarcoma; complete resection and doxorubicin/cyclophosphamide.",
        "birth": born(56, "2023-01-01"), "sex": "male", "date": "2023-01-01",
        "histology": "spindle-cell-sarcoma",
        "lesions": [{"site": "ankle", "side": "right"}],
    },
    # ---------------------------------------------------------------- connective-tissue disease
    {
        "id": "dm-adult-popliteal-ulcer-wounds",
        "expected": "dermatomyositis",
        "citation": {"authors": "(authors not retrieved)", "title": "Adult-Onset Dermatomyositis Complicated by Calcinosis Cutis (Diagnostic Dilemmas)",
                     "journal": "Wounds (hmpgloballearningnetwork.com article 3492)", "year": None, "verified": False},
        "story": "25-year-old woman with a four-year history of dermatomyositis (heliotrope rash, photosensitivity, high CK, interstitial "
                 "lung disease) on prednisone and a calcium supplement; calcium deposits over both hips two years later, then dystrophic "
                 "calcinosis cutis with chronic ulcers; now a 9 x 8 mm ulcer of the right popliteal fossa with a white calcium-containing "
                 "exudate; heliotrope discoloration and Gottron's papules; normal muscle power.",
        "birth": born(25, "2012-01-01"), "sex": "female", "date": "2012-01-01",
        "findings": {"dermatomyositis-rash": True},
        "lesions": [{"site": "knee", "side": "right", "flags": {"skin-ulceration": True, "subcutaneous": True}},
                    {"site": "hip-gluteal", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "dm-32-years-buttocks-transepidermal-neves-2020",
        "expected": "dermatomyositis",
        "citation": {"authors": "Oliveira Neves V, Sarmento V, Bernardo A, Lourenço S", "title": "Old and rare complication of dermatomyositis: calcinosis cutis",
                     "journal": "BMJ Case Rep 13(2):e233988", "year": 2020, "verified": False},
        "story": "68-year-old woman admitted with pneumonia; dermatomyositis diagnosed 32 years earlier (skin biopsy, EMG) and treated with "
                 "prednisolone; painful hard whitish lesions over the buttocks, thighs and iliac crests for 15 years with transepidermal "
                 "elimination of calcium salts; extensive subcutaneous calcification on radiographs; normal PTH, calcium, phosphate, CK "
                 "and creatinine.",
        "birth": born(68, "2019-06-01"), "sex": "female", "date": "2019-06-01",
        "labs": {"pth": "N", "calcium": "N", "phosphate": "N", "ck": "N", "creatinine": "N"},
        "findings": {"dermatomyositis-rash": True},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True, "subcutaneous": True, "skin-ulceration": True}},
                    {"site": "thigh", "side": "bilateral", "pattern": "sheet-linear", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "ssc-limited-elbows-knees-hands-conde-2021",
        "expected": "systemic-sclerosis",
        "citation": {"authors": "Conde K, Igue K, Awada M, Guelngar CO, Diallo MH, Dore M",
                     "title": "Cutaneous Calcinosis in Limited Cutaneous Systemic Scleroderma: Clinical Case and Review of Therapeutic Options",
                     "journal": "J Med Case Rep Case Series 2(2)", "year": 2021, "doi": "10.38207/jmcrcs20210004", "verified": True},
        "story": "68-year-old woman with limited cutaneous systemic sclerosis since 2012 (ACR/EULAR 2013 criteria) presenting in 2018 with "
                 "painful swollen subcutaneous nodules over pressure areas (elbows, knees, hands); voluminous bilateral calcifications on "
                 "radiographs of elbows, hands, forearms and knees; no response to calcium-channel blockers, colchicine, bisphosphonates.",
        "birth": born(68, "2018-08-01"), "sex": "female", "date": "2018-08-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "elbow", "side": "bilateral", "flags": {"painful": True, "subcutaneous": True}},
                    {"site": "knee", "side": "bilateral", "flags": {"subcutaneous": True}},
                    {"site": "hand", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "ssc-diffuse-periorbital-calcinosis-scl70",
        "expected": "systemic-sclerosis",
        "citation": {"authors": "(authors not retrieved)", "title": "Periorbital Subcutaneous Calcifications Associated With Systemic Sclerosis",
                     "journal": "(dermatology case column, mirrored on uchub360.com)", "year": None, "verified": False},
        "story": "66-year-old woman with diffuse systemic sclerosis, interstitial lung disease and pulmonary hypertension: sclerodactyly, "
                 "mask-like facies; an 11 mm white chalky lesion above the right eye with loss of the overlying skin and 3-4 hard mobile "
                 "nodules on the other side, painless, progressing for 16-18 months; ANA 1:1280 speckled, anti-Scl-70 positive; calcium "
                 "and phosphorus normal.",
        "birth": born(66, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "labs": {"calcium": "N", "phosphate": "N"},
        "findings": {"skin-sclerosis": True, "ana-positive": True, "scleroderma-antibodies": True},
        "lesions": [{"site": "head-face", "side": "bilateral", "size_mm": 11,
                     "flags": {"subcutaneous": True, "skin-ulceration": True, "painful": False}}],
    },
    {
        "id": "lupus-facial-preauricular-calcinosis-lopez-2017",
        "expected": "lupus",
        "citation": {"authors": "Lopez AT, Grossman ME",
                     "title": "Facial calcinosis cutis in a patient with systemic lupus erythematosus: A case report of tissue injury owing to photosensitivity as the cause of dystrophic calcification",
                     "journal": "JAAD Case Rep 3(5):460-463", "year": 2017, "pmid": "28936472", "doi": "10.1016/j.jdcr.2017.06.018",
                     "pmcid": "PMC5597880", "verified": True},
        "story": "25-year-old woman with treatment-resistant SLE diagnosed at 21 (malar rash, polyarthritis, anti-dsDNA, anti-Sm, ANA), "
                 "class V lupus nephritis and haemolytic anaemia, admitted with arthralgias and a pruritic photosensitive rash; "
                 "bilateral preauricular plate-like calcification (dystrophic calcinosis cutis).",
        "birth": born(25, "2017-01-01"), "sex": "female", "date": "2017-01-01",
        "findings": {"lupus-features": True, "ana-positive": True, "skin-rash": True},
        "lesions": [{"site": "head-face", "side": "bilateral", "pattern": "sheet-linear", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "lupus-knees-calcinosis-shin-2010",
        "expected": "lupus",
        "citation": {"authors": "Shin BS, et al.", "title": "Calcinosis cutis in systemic lupus erythematosus: A case report and review of the published work",
                     "journal": "J Dermatol", "year": 2010, "doi": "10.1111/j.1346-8138.2010.00894.x", "verified": True},
        "story": "30-year-old woman with a 13-year history of SLE who developed multiple calcinosis cutis around both knees, without "
                 "calcium or phosphorus abnormalities.",
        "birth": born(30, "2010-01-01"), "sex": "female", "date": "2010-01-01",
        "labs": {"calcium": "N", "phosphate": "N"},
        "findings": {"lupus-features": True},
        "lesions": [{"site": "knee", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    # ---------------------------------------------------------------- crystal disease
    {
        "id": "gout-massive-elbow-tophus-jalan-2020",
        "expected": "gouty-tophus",
        "citation": {"authors": "Jalan D, Maley DK, Elhence A, Elhence P, Jain P",
                     "title": "Massive Gouty Tophi Presenting as Pseudotumor of the Elbow: A Rare Presentation",
                     "journal": "Cureus 12(1):e6769", "year": 2020, "doi": "10.7759/cureus.6769", "verified": True},
        "story": "39-year-old man with poorly controlled polyarticular tophaceous gout and a massive swelling of the left elbow simulating "
                 "a soft-tissue tumour; excised massive tophus.",
        "birth": born(39, "2019-06-01"), "sex": "male", "date": "2019-06-01",
        "findings": {"gout-history": True},
        "histology": "urate-crystals",
        "lesions": [{"site": "elbow", "side": "left"}],
    },
    {
        "id": "gout-elbow-pseudotumour-no-gout-history-bhm",
        "expected": "gouty-tophus",
        "citation": {"authors": "(authors not retrieved)", "title": "(gouty tophus of the elbow presenting as a pseudotumour; exact title not retrieved)",
                     "journal": "(bhm.scholasticahq.com article 77552)", "year": None, "verified": False},
        "story": "77-year-old man with heart disease and hypertension on a thiazide: a large soft painless subcutaneous swelling over the "
                 "extensor surface of the right elbow growing for ten years, fast in the last year; no previous gout, no other tophi; "
                 "MRI heterogeneous mass with low-signal foci; excision: amorphous material with giant-cell reaction, gouty tophi; serum "
                 "urate '490mmol/L' as written (evidently micromol/L; sent as written).",
        "birth": born(77, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "labs": {"urate": (490, "mmol/L")},
        "findings": {"gout-history": False},
        "histology": "urate-crystals",
        "lesions": [{"site": "elbow", "side": "right", "flags": {"subcutaneous": True, "painful": False, "rapid-growth": True}}],
    },
    {
        "id": "gout-fingertip-tophi-ckd-oliveira-monteiro-2021",
        "expected": "gouty-tophus",
        "citation": {"authors": "Oliveira Monteiro A, Barroca H, Cardoso MT", "title": "Atypical Location of Tophaceous Gout",
                     "journal": "Clin Image Case Rep J 3(2):142", "year": 2021, "verified": False},
        "story": "73-year-old woman with obesity, type 2 diabetes with nephropathy, CKD G3a and hyperuricaemia admitted with dehydration, "
                 "worse kidney function and lactic acidosis needing transient haemodialysis; polyarthritis of the small joints of the "
                 "left hand with several hard white fingertip nodules with an inflamed halo; drained lesion: abundant urate crystals.",
        "birth": born(73, "2020-12-01"), "sex": "female", "date": "2020-12-01",
        "labs": {"urate": "H"},
        "findings": {"chronic-kidney-disease": True},
        "histology": "urate-crystals",
        "lesions": [{"site": "finger", "side": "left", "flags": {"inflammatory-signs": True, "subcutaneous": True}}],
    },
    # ---------------------------------------------------------------- secondary (uremic) TC
    {
        "id": "uremic-gluteal-pd-normal-pth-pampa-saico-2017",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Pampa-Saico S, Rivera-Gorrín M, Yerovi-León E, Burguera V, Fernández-Lucas M, Teruel-Briones JL",
                     "title": "Successful resolution of uremic tumoral calcinosis with conventional hemodialysis using a low-calcium containing dialysate",
                     "journal": "Clin Med Rev Case Rep 4:165", "year": 2017, "verified": False},
        "story": "40-year-old anuric man on peritoneal dialysis for five years with poor adherence and a painful left gluteal mass; calcium, "
                 "PTH and alkaline phosphatase normal over the last year, mean phosphorus 5.9 mg/dl; CT: a lobulated calcified mass in "
                 "the gluteus medius entering the left hip joint; regression on haemodialysis with a 2 mEq/l calcium bath and "
                 "non-calcium binders.",
        "birth": born(40, "2016-06-01"), "sex": "male", "date": "2016-06-01",
        "labs": {"phosphate": (5.9, "mg/dl"), "calcium": "N", "pth": "N", "alp": "N"},
        "findings": {"dialysis": True, "dialysis-years": 5},
        "lesions": [{"site": "hip-gluteal", "side": "left", "pattern": "lobulated-cloudlike", "flags": {"painful": True}}],
    },
    {
        "id": "uremic-knee-high-normal-pth-lucas-1998",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Lucas E, Martínez Ruiz A, Arbona AM",
                     "title": "Un caso de calcinosis tumoral en hemodiálisis: ¿contribuyó la inducción de un moderado hiperparatiroidismo a su resolución?",
                     "journal": "Nefrologia 18(2)", "year": 1998, "verified": False},
        "story": "Haemodialysis patient (age and sex not in the abstract) with intact PTH in the high-normal range and a raised "
                 "calcium-phosphate product who developed large periarticular calcifications, above all at the right knee, unchanged after "
                 "a year of product control, almost fully resorbed eight months after a low-calcium dialysate was started.",
        "birth": None, "sex": None, "date": "1997-06-01",
        "labs": {"pth": "N"},
        "findings": {"dialysis": True},
        "lesions": [{"site": "knee", "side": "right"}],
    },
    {
        "id": "uremic-bilateral-elbows-ulnar-nerve-domingo-trepat",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Domingo-Trepat A, Fernández-Valencia J, García-Ramiro S",
                     "title": "Tumoración bilateral de codo en paciente hemodializado (Bilateral elbow tumors in a hemodialyzed patient)",
                     "journal": "(Spanish orthopaedic journal, Elsevier; not retrieved)", "year": None, "verified": False},
        "story": "30-year-old man on haemodialysis for nine years with masses at both elbows and ulnar-nerve compression at the left elbow "
                 "(confirmed on EMG); excision, histology: tumoral calcinosis.",
        "birth": born(30, "2005-01-01"), "sex": "male", "date": "2005-01-01",
        "findings": {"dialysis": True, "dialysis-years": 9},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "elbow", "side": "bilateral"}],
    },
    # ---------------------------------------------------------------- primary TC (more)
    {
        "id": "tc-scapula-girl-mimicking-parosteal-osteosarcoma-wagh-2025",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Wagh S, Sharan S, Goregaonkar A, Mugutrao A, Panjwani K", "title": "Calcinosis mimicking tumor: A rare case report",
                     "journal": "J Clin Orthop 10(1):69-73", "year": 2025, "doi": "10.13107/jcorth.2025.v10i01.726", "verified": True},
        "story": "12-year-old girl with a swelling of the right scapular region, reduced range of motion and chest pain; non-tender mass with "
                 "irregular margins; CT suggested a parosteal osteosarcoma involving the scapula, serratus anterior, latissimus dorsi and "
                 "parietal pleura; MRI suggested a primary neoplasm; hyperphosphataemia; needle biopsy inconclusive; en-bloc excision "
                 "with the inferior angle of the scapula: tumoral calcinosis.",
        "birth": born(12, "2024-06-01"), "sex": "female", "date": "2024-06-01",
        "labs": {"phosphate": "H"},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"painful": False, "bone-contact": True}}],
    },
    {
        "id": "tc-boy-right-hip-slight-hyperphosphataemia-jscr-2020",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "(authors not retrieved)", "title": "Pseudotumoral Calcinosis: A Soft Tissue Tumor in a 14-Year-Old Male",
                     "journal": "J Surg Case Rep (sciencerepository.org JSCR-2020-2-111)", "year": 2020, "verified": False},
        "story": "14-year-old boy without personal or family disease with a painless, movable swelling around the right hip growing over a "
                 "year, about 5 x 3 cm, no inflammatory signs; huge popcorn-like extraskeletal calcified mass near the greater trochanter; "
                 "slight hyperphosphataemia; total resection, no recurrence at one year.",
        "birth": born(14, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "labs": {"phosphate": "H"},
        "findings": {"family-history-calcinosis": False},
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 5, "pattern": "lobulated-cloudlike",
                     "flags": {"painful": False, "inflammatory-signs": False}}],
    },
    {
        "id": "hftc-galnt3-e375x-garringer-2007",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Garringer HJ, Mortazavi SMJ, Esteghamat F, Malekpour M, Boztepe H, Tanakol R, et al.",
                     "title": "Two novel GALNT3 mutations in familial tumoral calcinosis",
                     "journal": "Am J Med Genet A (20):2390-2396", "year": 2007, "verified": False},
        "story": "First of two patients with familial tumoral calcinosis: raised serum phosphate, intact FGF23 low-normal; homozygous GALNT3 "
                 "frameshift 1102_1103insT (E375X). Age, sex and sites are not in the abstract.",
        "birth": None, "sex": None, "date": "2007-01-01",
        "labs": {"phosphate": "H", "fgf23": "N"},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "hftc-galnt3-w487x-garringer-2007",
        "expected": "tc-primary-hyperphosphatemic",
        "citation": {"authors": "Garringer HJ, Mortazavi SMJ, Esteghamat F, Malekpour M, Boztepe H, Tanakol R, et al.",
                     "title": "Two novel GALNT3 mutations in familial tumoral calcinosis",
                     "journal": "Am J Med Genet A (20):2390-2396", "year": 2007, "verified": False},
        "story": "Second patient of the same report: raised phosphate, low-normal intact FGF23, homozygous GALNT3 nonsense W487X; age, sex "
                 "and sites not in the abstract.",
        "birth": None, "sex": None, "date": "2007-01-01",
        "labs": {"phosphate": "H", "fgf23": "N"},
        "genetics": [{"gene": "GALNT3", "present": True, "significance": "pathogenic"}],
    },
    # ---------------------------------------------------------------- calciphylaxis
    {
        "id": "calciphylaxis-haemodialysis-thighs-miura-2017",
        "expected": "calciphylaxis",
        "citation": {"authors": "Miura S, Takahashi K, Akasaka T", "title": "Calciphylaxis Presenting with Various Symptoms: A Case Report",
                     "journal": "Case Rep Dermatol 9(1):25-29", "year": 2017, "pmid": "28413385", "doi": "10.1159/000456000",
                     "pmcid": "PMC5346948", "verified": True},
        "story": "52-year-old woman on haemodialysis since 2005 with diabetes, hyperparathyroidism and a previous myocardial infarction: "
                 "intense pain and purpura of both lower thighs rapidly ulcerating, demarcated ulcers with yellow gangrenous tissue on "
                 "the right ankle and left leg; intact PTH 1,250 pg/mL, calcium 10.4 mg/dL, phosphate 6.4 mg/dL, WBC 13,200/uL, CRP "
                 "12.77 mg/dL; collagen-disease autoantibodies negative.",
        "birth": born(52, "2015-06-01"), "sex": "female", "date": "2015-06-01",
        "labs": {"pth": (1250, "pg/mL"), "calcium": (10.4, "mg/dL"), "phosphate": (6.4, "mg/dL"), "crp": (12.77, "mg/dL")},
        "findings": {"dialysis": True, "dialysis-years": 10, "retiform-purpura": True},
        "lesions": [{"site": "thigh", "side": "bilateral", "flags": {"painful": True, "skin-ulceration": True, "subcutaneous": True}},
                    {"site": "ankle", "side": "right", "flags": {"skin-ulceration": True}}],
    },
    {
        "id": "calciphylaxis-missed-dialysis-ulcers-pujar-2009",
        "expected": "calciphylaxis",
        "citation": {"authors": "Pujar T, Spinello IM", "title": "A 44 year-old lady with chronic renal disease and intractable ulcers: a case report",
                     "journal": "Int Arch Med 2:22", "year": 2009, "doi": "10.1186/1755-7682-2-22", "verified": True},
        "story": "44-year-old morbidly obese woman with type 2 diabetes on dialysis for a year, who had missed two weeks of dialysis, "
                 "presenting with diarrhoea and nausea and developing rapidly progressive painful non-healing skin ulcers: calciphylaxis.",
        "birth": born(44, "2009-01-01"), "sex": "female", "date": "2009-01-01",
        "findings": {"dialysis": True, "dialysis-years": 1},
        "lesions": [{"site": "leg", "flags": {"painful": True, "skin-ulceration": True}}],
    },
    # ---------------------------------------------------------------- myositis ossificans
    {
        "id": "mo-shoulder-girl-misdiagnosed-osteosarcoma-2015",
        "expected": "myositis-ossificans",
        "citation": {"authors": "(authors not retrieved)", "title": "Pediatric myositis ossificans mimicking osteosarcoma",
                     "journal": "Pediatr Int 57(5):996-9", "year": 2015, "pmid": "26508182", "doi": "10.1111/ped.12672", "verified": True},
        "story": "11-year-old girl without trauma history with a right-shoulder mass: poorly defined flocculated soft-tissue densities and a "
                 "periosteal reaction along the proximal humerus; ill-defined inhomogeneous mass on MRI; pseudosarcomatous histology, "
                 "first misdiagnosed as osteosarcoma; myositis ossificans.",
        "birth": born(11, "2014-06-01"), "sex": "female", "date": "2014-06-01",
        "findings": {"trauma-at-site": False},
        "histology": "zonal-mature-bone",
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"periosteal-reaction": True}}],
    },
    {
        "id": "mo-intercostal-girl-misdiagnosed-2010",
        "expected": "myositis-ossificans",
        "citation": {"authors": "(authors not retrieved)", "title": "Intercostal myositis ossificans misdiagnosed as osteosarcoma in a 10-year-old child",
                     "journal": "Pediatr Radiol 40 Suppl 1:S34-7", "year": 2010, "pmid": "20614112", "doi": "10.1007/s00247-010-1769-5", "verified": True},
        "story": "10-year-old girl with non-traumatic myositis ossificans in the fifth right intercostal space, initially misdiagnosed and "
                 "treated as osteosarcoma on biopsy.",
        "birth": born(10, "2010-01-01"), "sex": "female", "date": "2010-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "chest-wall", "side": "right"}],
    },
    {
        "id": "mo-trampoline-biceps-femoris-eurorad-14915",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Koc G, Celik T, Nalcacioglu H, Pac Kisaarslan A, Cura C, Sonmez I, Altuner Torun Y",
                     "title": "Myositis ossificans of the thigh with CT, MRI, and US findings in a paediatric patient",
                     "journal": "Eurorad case 14915", "year": 2017, "verified": False},
        "story": "11-year-old girl with a week of increasing pain, stiffness and limited motion of the left knee after a fall from a "
                 "trampoline; warm, hard posterior lower thigh; WBC normal, CRP 29.3 mg/L, ESR 39 mm/h; X-ray normal; 34 x 31 x 30 mm "
                 "enhancing mass in the biceps femoris; a week later typical peripheral calcification on US and CT.",
        "birth": born(11, "2017-06-01"), "sex": "female", "date": "2017-06-01",
        "labs": {"crp": (29.3, "mg/L")},
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "thigh", "side": "left", "size_mm": 34, "pattern": "zonal-peripheral",
                     "flags": {"painful": True, "intramuscular": True, "inflammatory-signs": True}}],
    },
    # ---------------------------------------------------------------- hypercalcaemic look-alikes
    {
        "id": "milk-alkali-tums-renal-failure-hospitalist",
        "expected": "milk-alkali",
        "citation": {"authors": "(authors not retrieved)", "title": "Hypercalcemia and milk-alkali syndrome",
                     "journal": "J Hosp Med (the-hospitalist.org clinical case)", "year": None, "verified": False},
        "story": "46-year-old man with hypertension on clonidine and lisinopril, sent to the emergency department for fatigue: acute renal "
                 "failure (creatinine 3.6 mg/dL from a baseline of 1.1) and calcium 14.9 mg/dL; ten days of fatigue, poor appetite and "
                 "low urine output; he took calcium carbonate (Tums) for dyspepsia; a smoker with a recent high-grade dysplastic colonic "
                 "polyp.",
        "birth": born(46, "2012-07-01"), "sex": "male", "date": "2012-07-01",
        "labs": {"creatinine": (3.6, "mg/dL"), "calcium": (14.9, "mg/dL")},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    # ---------------------------------------------------------------- heterotopic ossification
    {
        "id": "fop-boy-back-arm-hip-jmcr-2019",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": "(authors not retrieved)", "title": "(fibrodysplasia ossificans progressiva in a 10-year-old Pakistani boy; exact title not retrieved)",
                     "journal": "J Med Case Rep", "year": 2019, "doi": "10.1186/s13256-019-2297-z", "verified": True},
        "story": "10-year-old Pakistani boy with six months of pain and tender masses of the back, left arm and left hip, with difficulty "
                 "walking and reduced shoulder and hip motion; multiple swellings on the back, right shoulder, left hip and left knee and "
                 "a hard painful mass along the left biceps, no warmth; tender stiff paraspinal muscles.",
        "birth": born(10, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "lesions": [{"site": "paravertebral", "flags": {"painful": True, "intramuscular": True, "inflammatory-signs": False}},
                    {"site": "shoulder", "side": "right"}, {"site": "hip-gluteal", "side": "left"},
                    {"site": "other", "side": "left", "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "fop-misdiagnosed-exostoses-neck-back-girl",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": "(authors not retrieved)", "title": "Fibrodysplasia Ossificans Progressiva: A Rare Disease Due to Unawareness, Case Report and Literature Review",
                     "journal": "(Elsevier case-report journal; summarised on foptrust.org)", "year": None, "verified": False},
        "story": "6-year-old girl with four years of swellings over the posterior neck and back, misdiagnosed as multiple exostoses and "
                 "excised a year earlier, worse after excision; cannot move her neck; multiple hard, slightly tender posterior neck, "
                 "parascapular and thoracolumbar paraspinal masses; hallux valgus since birth; extensive extraskeletal ossification on CT.",
        "birth": born(6, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "findings": {"great-toe-malformation": True},
        "lesions": [{"site": "neck", "flags": {"painful": True}}, {"site": "paravertebral", "side": "bilateral", "flags": {"painful": True}}],
    },
    {
        "id": "fop-42-year-old-thirty-years-wjmcr-2025",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": "(authors not retrieved)", "title": "A Rare Case of Fibrodysplasia Ossificans Progressiva in a Resource Limited Setup: A Case Report",
                     "journal": "World J Med Case Rep 6(3):27-30", "year": 2025, "doi": "10.11648/j.wjmcr.20250603.12", "verified": True},
        "story": "42-year-old man with multiple soft-tissue swellings for 30 years and later inability to move: firm to hard tender masses over "
                 "both forearms, the left arm, anterior and posterior chest, both hips and both distal thighs; subtle bilateral hallux "
                 "valgus; extraskeletal ossifications on radiographs.",
        "birth": born(42, "2025-01-01"), "sex": "male", "date": "2025-01-01",
        "findings": {"great-toe-malformation": True},
        "lesions": [{"site": "forearm", "side": "bilateral", "flags": {"painful": True}}, {"site": "chest-wall", "side": "bilateral"},
                    {"site": "hip-gluteal", "side": "bilateral"}, {"site": "thigh", "side": "bilateral"}],
    },
    # ---------------------------------------------------------------- post-traumatic look-alikes
    {
        "id": "calcific-myonecrosis-after-femoral-fracture-radiopaedia",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": "Denicolò F (case courtesy)", "title": "Calcific myonecrosis of the leg",
                     "journal": "Radiopaedia.org case", "year": None, "verified": False},
        "story": "Adult (age not given) with a massive mass of the anterior and lateral compartments of the right leg decades after a distal "
                 "femoral shaft fracture with peroneal nerve palsy and compartment syndrome (foot drop, limb 3 cm shorter); soft-tissue "
                 "sarcoma first suspected; coarse sheet-like and linear peripheral calcification through the muscles.",
        "birth": None, "sex": None, "date": "2020-01-01",
        "findings": {"trauma-at-site": True, "compartment-syndrome-history": True},
        "lesions": [{"site": "leg", "side": "right", "pattern": "sheet-linear", "flags": {"intramuscular": True}}],
    },
    {
        "id": "calcific-myonecrosis-snakebite-tourniquet-koreamed",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": "(authors not retrieved)", "title": "(calcific myonecrosis of the lower leg in a 53-year-old man; exact title not retrieved)",
                     "journal": "(Korean orthopaedic journal, synapse.koreamed.org article 1050042)", "year": None, "verified": False},
        "story": "53-year-old man with a huge mass in the anterior left lower leg; 44 years earlier a snake bite below the left knee had been "
                 "treated by a string tied around the leg for three months; calcific myonecrosis.",
        "birth": born(53, "2015-01-01"), "sex": "male", "date": "2015-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "leg", "side": "left", "flags": {"intramuscular": True}}],
    },
    {
        "id": "chronic-expanding-haematoma-flank-manenti-2017",
        "expected": "calcified-hematoma",
        "citation": {"authors": "Manenti G, Cavallo AU, Marsico S, Citraro D, Vasili E, Lacchè A, Forcina M, Ferlosio A, Rossi P, Floris R",
                     "title": "Chronic expanding hematoma of the left flank mimicking a soft-tissue neoplasm",
                     "journal": "Radiol Case Rep 12(4):801-806", "year": 2017, "doi": "10.1016/j.radcr.2017.07.019", "verified": True},
        "story": "70-year-old man with a slowly enlarging left-flank swelling without recent trauma or other medical disease; imaging could "
                 "not exclude a sarcoma; open biopsy and excision: chronic expanding haematoma.",
        "birth": born(70, "2017-01-01"), "sex": "male", "date": "2017-01-01",
        "findings": {"trauma-at-site": False},
        "histology": "organised-haematoma",
        "lesions": [{"site": "other", "side": "left"}],
    },
    {
        "id": "chronic-expanding-haematoma-flank-to-thigh-jwmr-2018",
        "expected": "calcified-hematoma",
        "citation": {"authors": "(authors not retrieved; corresponding author Jung SW)",
                     "title": "A Case Report of Chronic Expanding Hematoma Initially Misdiagnosed as a Soft Tissue Sarcoma",
                     "journal": "J Wound Manag Res 14(1):58-61", "year": 2018, "doi": "10.22467/jwmr.2017.00213", "verified": True},
        "story": "Patient (age and sex not in the abstract) with a large mass present for three years extending from the left flank to the "
                 "thigh; CT, MRI, ultrasound, aspiration and incisional biopsy suggested liposarcoma or fibrosarcoma; palliative "
                 "resection: chronic expanding haematoma.",
        "birth": None, "sex": None, "date": "2017-10-01",
        "histology": "organised-haematoma",
        "lesions": [{"site": "thigh", "side": "left"}],
    },
    # ---------------------------------------------------------------- calcific tendinopathy and CPPD
    {
        "id": "calcific-tendinitis-rectus-femoris-direct-head-kuriyama-2022",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Kuriyama A, et al.", "title": "Calcific tendinitis of rectus femoris",
                     "journal": "Clin Exp Emerg Med 9(2):160-161", "year": 2022, "doi": "10.15441/ceem.21.077", "verified": True},
        "story": "Previously healthy 54-year-old woman with acute difficulty walking and gradually worsening severe right groin pain on hip "
                 "flexion, no injury; tenderness at the right anterior inferior iliac spine and a painful snapping hip; CRP 0.94 mg/dL "
                 "(<0.30); calcific deposits in the direct head of the right rectus femoris on radiograph and CT.",
        "birth": born(54, "2021-04-01"), "sex": "female", "date": "2021-04-01",
        "labs": {"crp": (0.94, "mg/dL", (0, 0.30))},
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "groin", "side": "right", "pattern": "tendon-linear", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendinitis-rectus-femoris-38-year-old-kobayashi-2015",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Kobayashi H, Kaneko H, Homma Y, Baba T, Kaneko K",
                     "title": "Acute Calcific Tendinitis of the Rectus Femoris: A Case Series", "journal": "J Orthop Case Rep 5(3):32-34",
                     "year": 2015, "doi": "10.13107/jocr.2250-0685.301", "verified": True},
        "story": "38-year-old woman with three days of severe acute left groin pain and inability to bear weight, without trauma or sport, "
                 "no previous hip problem or systemic disease; tender left groin; acute calcific tendinitis of the rectus femoris, "
                 "calcification fully resorbed on NSAIDs / local steroid.",
        "birth": born(38, "2015-01-01"), "sex": "female", "date": "2015-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "groin", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "tumoral-cppd-wrist-78-year-old-crior-2015",
        "expected": "cppd-deposition",
        "citation": {"authors": "(authors not retrieved)", "title": "A Rare Case of Tumoral Calcium Pyrophosphate Dihydrate Crystal Deposition Disease of the Wrist Joint",
                     "journal": "Case Rep Orthop 2015:313291", "year": 2015, "verified": False},
        "story": "78-year-old woman with five years of slowly enlarging nodules of the right wrist (2 x 2 cm radial, 2 x 2.5 cm dorsal), fixed, "
                 "not painful or tender; no gout, hyperparathyroidism, haemochromatosis or hypothyroidism, no trauma; multiple calcified "
                 "periarticular nodules on radiographs and CT; normal blood count, uric acid and calcium; excision: rhomboid polarisable "
                 "crystals with foreign-body giant cells (tumoral CPPD).",
        "birth": born(78, "2014-08-01"), "sex": "female", "date": "2014-08-01",
        "labs": {"urate": "N", "calcium": "N"},
        "findings": {"gout-history": False, "trauma-at-site": False},
        "histology": "cppd-crystals",
        "lesions": [{"site": "wrist", "side": "right", "size_cm": 2.5, "flags": {"painful": False}}],
    },
    {
        "id": "tophaceous-cppd-ankle-65-year-old-crior-2019",
        "expected": "cppd-deposition",
        "citation": {"authors": "(authors not retrieved)", "title": "(tophaceous pseudogout of the ankle in a 65-year-old man; exact title not retrieved)",
                     "journal": "Case Rep Orthop 2019:9617184", "year": 2019, "verified": False},
        "story": "65-year-old man with an asymptomatic swelling over the lateral left ankle; dense homogeneous calcification on radiographs; "
                 "FNAC: dense calcium deposits with numerous rhomboid crystals; en-bloc excision confirmed subcutaneous CPPD deposition.",
        "birth": born(65, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "histology": "cppd-crystals",
        "lesions": [{"site": "ankle", "side": "left", "flags": {"painful": False, "subcutaneous": True}}],
    },
    # ---------------------------------------------------------------- more TC
    {
        "id": "nftc-idiopathic-forearm-boy-moriwala-2014",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Moriwala S, Indap SM, Chakarabarti N, Sawant S", "title": "Idiopathic Tumoral Calcinosis Cutis- A rare clinical entity",
                     "journal": "WebmedCentral General Surgery 5(5):WMC004619", "year": 2014, "doi": "10.9754/journal.wmc.2014.004619", "verified": True},
        "story": "16-year-old boy with idiopathic tumoral calcinosis cutis over the forearm; histology: fibrocollagenous tissue with calcium "
                 "deposits (laboratory values not in the abstract).",
        "birth": born(16, "2014-05-01"), "sex": "male", "date": "2014-05-01",
        "lesions": [{"site": "forearm", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "uremic-hip-sternal-notch-sedimentation-eurorad",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "(authors not retrieved; Eurorad case mirrored on boraymedical.com case 318)",
                     "title": "(secondary tumoral calcinosis of the hip and sternal notch in chronic renal failure; exact title not retrieved)",
                     "journal": "Eurorad (mirror)", "year": None, "verified": False},
        "story": "54-year-old man with chronic renal failure (dialysis not stated) and a coronary bypass a year earlier, admitted with three "
                 "weeks of left hip pain and reduced mobility and a bony lump growing over months at the sternal notch; 10 x 6.5 cm "
                 "multilobulated periarticular calcification beside the left greater trochanter with fluid-calcium levels; 3 x 3 cm "
                 "calcification beside the sternum; sestamibi focus suggesting a parathyroid adenoma.",
        "birth": born(54, "2018-01-01"), "sex": "male", "date": "2018-01-01",
        "findings": {"chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "left", "size_cm": 10, "pattern": "lobulated-cloudlike",
                     "flags": {"painful": True, "fluid-calcium-level": True}},
                    {"site": "chest-wall", "side": "midline", "size_cm": 3}],
    },
    {
        "id": "uremic-hand-mimicking-infection-asuncion",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Asuncion GF, Tzarnas CD", "title": "Uremic Tumoral Calcinosis: Acute Hand Presentations Mimicking Infection",
                     "journal": "(hand-surgery journal; not retrieved)", "year": 1994, "verified": False},
        "story": "One of two chronic haemodialysis patients with an acute presentation of tumoral calcinosis of the hand mimicking "
                 "infection (age, sex and laboratory values not in the retrieved text).",
        "birth": None, "sex": None, "date": "1994-01-01",
        "findings": {"dialysis": True},
        "lesions": [{"site": "hand", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "uremic-pd-shoulder-seropurulent-isn-abstract",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "(authors not retrieved)", "title": "(uremic tumoral calcinosis of the shoulder in a peritoneal dialysis patient; ISN congress case abstract, title not retrieved)",
                     "journal": "ISN congress abstract (events.theisn.org)", "year": None, "verified": False},
        "story": "Peritoneal dialysis patient (age and sex not retrieved) with inflammatory signs and seropurulent drainage over the left "
                 "shoulder needing surgical cleaning and antibiotics despite negative cultures; Ca x P product above 60, PTH > 900 pg/ml; "
                 "calcinosis cutis and vascular calcification; calcified mass of the shoulder on CT; biopsy: multinucleated "
                 "foreign-body giant cells around calcium deposits.",
        "birth": None, "sex": None, "date": "2022-01-01",
        "labs": {"pth": "H"},
        "findings": {"dialysis": True},
        "histology": "amorphous-calcium-giant-cells",
        "lesions": [{"site": "shoulder", "side": "left", "flags": {"inflammatory-signs": True, "skin-ulceration": True}}],
    },
    # ---------------------------------------------------------------- joints, tumour lysis
    {
        "id": "synovial-chondromatosis-elbow-27-year-old-turkmensoy-2013",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "Türkmensoy F, Türkmen İ, Söylemez M, Turhan Y, Aktaş B, Özkan F",
                     "title": "Synovial Chondromatosis of the Elbow Joint in a 27-Year-Old Man: A Case Report",
                     "journal": "Open J Orthop 3(2):164-166", "year": 2013, "doi": "10.4236/ojo.2013.32029", "verified": True},
        "story": "27-year-old man with synovial chondromatosis of the elbow: chronic monoarticular pain and painful limitation of motion; "
                 "multiple calcified intra-articular loose bodies.",
        "birth": born(27, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "lesions": [{"site": "elbow", "flags": {"painful": True, "intra-articular": True}}],
    },
    {
        "id": "secondary-synovial-chondromatosis-elbow-massage-jcdr",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "(authors not retrieved)", "title": "(secondary synovial chondromatosis of the elbow misdiagnosed as myositis ossificans; exact title not retrieved)",
                     "journal": "J Clin Diagn Res (jcdr.net article 20307)", "year": None, "verified": False},
        "story": "50-year-old man with a year of intermittent activity-related pain, swelling and stiffness of the left elbow with "
                 "progressive loss of motion, after an old injury treated by massage from a local practitioner; clinically misdiagnosed "
                 "as myositis ossificans; multiple intra- and extra-articular loose bodies of varying size and calcification: secondary "
                 "synovial chondromatosis.",
        "birth": born(50, "2024-01-01"), "sex": "male", "date": "2024-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "elbow", "side": "left", "flags": {"painful": True, "intra-articular": True}}],
    },
    {
        "id": "spontaneous-tls-plasmablastic-lymphoma-jhematol-2021",
        "expected": "tumor-lysis-syndrome",
        "citation": {"authors": "(authors not retrieved)", "title": "Spontaneous Tumor Lysis Syndrome: A Rare Presentation in Plasmablastic Lymphoma",
                     "journal": "J Hematol 10(1):30-34", "year": 2021, "verified": False},
        "story": "Patient (age and sex not in the retrieved tables) with a 10 x 10 cm polylobulated retroperitoneal mass invading the bladder "
                 "wall (plasmablastic lymphoma) and spontaneous tumour lysis at presentation: creatinine 14.03 mg/dL, BUN 90 mg/dL, "
                 "potassium 6.6 mmol/L, uric acid 24.9 mg/dL, phosphorus 7.7 mg/dL, calcium 8.5 mg/dL, LDH 2,012 UI/L; phosphate rose "
                 "to about 13 mg/dL after chemotherapy.",
        "birth": None, "sex": None, "date": "2020-06-01",
        "labs": {"creatinine": (14.03, "mg/dL"), "potassium": (6.6, "mmol/L"), "urate": (24.9, "mg/dL"),
                 "phosphate": (7.7, "mg/dL"), "calcium": (8.5, "mg/dL")},
        "findings": {"known-malignancy": True},
    },
    # ---------------------------------------------------------------- granulomatous and parasitic
    {
        "id": "sarcoidosis-hypercalcaemia-bone-marrow-granulomas-crim-2015",
        "expected": "sarcoidosis",
        "citation": {"authors": "(authors not retrieved)", "title": "(sarcoidosis presenting as non-PTH-mediated hypercalcaemia; exact title not retrieved)",
                     "journal": "Case Rep Med 2015:565243", "year": 2015, "verified": False},
        "story": "61-year-old woman with substernal chest pain, hypercalcaemia refractory to fluids and bisphosphonates, anaemia and acute "
                 "kidney injury; non-PTH-mediated; bone-marrow biopsy: non-necrotising granulomas; raised 1,25-dihydroxyvitamin D, "
                 "beta-2-microglobulin and ACE; transbronchial biopsy: sarcoidosis; calcium and kidney function recovered on steroids.",
        "birth": born(61, "2015-01-01"), "sex": "female", "date": "2015-01-01",
        "labs": {"calcium": "H", "pth": "L", "calcitriol": "H", "creatinine": "H"},
        "histology": "non-caseating-granuloma",
    },
    {
        "id": "cysticercosis-seizure-shoulder-dislocation-herfel-2006",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Herfel C, Strub WM, Leach JL",
                     "title": "Twenty-four-year-old Hispanic Man With Seizures: Imaging Findings of Cysticercosis",
                     "journal": "Infect Dis Clin Pract 14(2)", "year": 2006, "doi": "10.1097/01.idc.0000214366.08681.06", "verified": True},
        "story": "24-year-old Mexican man brought in after a witnessed seizure with left shoulder pain: posterior shoulder dislocation and "
                 "calcifications within the soft tissues of the left upper limb on radiographs; cysticercosis.",
        "birth": born(24, "2005-06-01"), "sex": "male", "date": "2005-06-01",
        "findings": {"endemic-parasite-exposure": True},
        "lesions": [{"site": "shoulder", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "cysticercosis-soleus-calf-pain-mishra-2014",
        "expected": "parasitic-calcification",
        "citation": {"authors": "Mishra P, Pandey D, Tripathi BN", "title": "Cysticercosis of Soleus muscle presenting as isolated calf pain",
                     "journal": "J Clin Orthop Trauma 6(1):39-41", "year": 2014, "pmid": "26549951", "doi": "10.1016/j.jcot.2014.11.002",
                     "pmcid": "PMC4551142", "verified": True},
        "story": "Patient with acute isolated calf pain from a solitary cysticercus cyst in the soleus, diagnosed on serology and imaging "
                 "and treated medically (age and sex not in the abstract).",
        "birth": None, "sex": None, "date": "2014-06-01",
        "lesions": [{"site": "leg", "flags": {"painful": True, "intramuscular": True}}],
    },
]
