"""Ninth evaluation set written from published case reports (issue 12, "Evaluation"): held out, measured once.

Written blind after the eighth set (decisions.md Classifier 148), as the next honest figure and the next development
material: the seven sets tuned on scored top-1 42-57% when each was measured once, blind, against 55-87% on development.
It is held out like the eighth (status "held-out" in services/classifier/evaluation.py, so no knowledge script, likelihood
learner, calibration fit or outputs digest reads it); the final figures stay
the eighth set's, this one a further blind measurement (Classifier 150).
It was written by a helper who read neither the knowledge files (only the list of diagnosis codes), the vignettes,
docs/domain.md nor docs/classifier-evaluation.md, and who never ran the classifier on any of its cases (no evaluation, no
measure script, no test that classifies it). Its rules are those of the eighth set:

- one published case report or case-series patient per case, from publications cited in NONE of the eight earlier sets:
  each candidate's identifiers, normalised title and article or teaching-file numbers were checked against the eight files
  by a script answering only "collision"/"ok" before the report was read further, and a candidate answered "collision" was
  skipped, even where the match may have been a coincidence of numbers; and no PATIENT of the eight sets: every batch was
  run through the patient-level check of tests/classifier/test_published_sets.py (Classifier 67), again answering only
  "collision"/"ok", and every case it flagged was dropped without reading the earlier case (16 cases listed in
  Classifier 148, 6 more in Classifier 149; the added cases were also checked against the ninth's own first 25), as were
  four candidates recognised as copies of a colliding report or of a patient that
  decisions.md names as an earlier set's;
- only what the stored copy of the report states is recorded: ages, sex, sites, sizes, laboratory values with the units as
  the report writes them, values given only as "high"/"low"/"normal" as interpretations (and, where the report's own
  diagnosis asserts a laboratory state, that state as an interpretation, the story saying so), missing values as missing;
  a report that gives no age or sex gives a Patient without birthDate or gender (2 cases each);
- the pathologist's FINAL diagnostic histology, cytology, crystal or genetic analysis is never sent; a misleading
  preliminary reading (a debridement read as vasculitis) is told in the story only;
- the work-up date is the year of the report (or of the case when given) and is approximate; where no year was retrieved
  the story names the year used; birth dates are derived from the age at presentation;
- every case is a vignette: besides age, sex and site, the stored copy states at least two of the history, a laboratory
  value or state, an imaging description and clinical signs, and the Bundle carries at least one coded input beyond age,
  sex and site (three candidates that could carry none were not kept);
- no case is changed after seeing the classifier's result (only clear transcription errors may be corrected, and the
  commit says so).

Sources: the stored corpus is largely used up by the eight sets (most English reports of tumoral calcinosis and of most
look-alikes answered "collision"), so the search went to Spanish-language and Latin-American journals, meeting abstracts
and posters (SHM, KARM, J Gen Intern Med, an Endocrine Society abstract, an Argentine surgery congress), teaching and
sports-medicine case pages, and a news retelling of a BMJ Case Report, and for the two added cases to a Brazilian plastic
surgery journal and a German dermatology journal; weak sources say so in the citation. 10 citations are verified (an
identifier seen in the stored copy).

It holds 27 cases, short of the 40-60 aimed for and off the eighth set's spread: tumoral calcinosis 4 (uraemic 1, in
primary hyperoxaluria on haemodialysis; primary normophosphatemic 1, cervical spine; tumour-like calcinosis typed secondary
2, added by a second writer under the same rules, decisions.md Classifier 149: systemic sclerosis with painful inguinal
calcinosis, juvenile dermatomyositis with a painful calcified forearm nodule), no hyperphosphatemic case (each one
written, by either writer, was flagged as a patient of an earlier set, as were the second writer's six uraemic,
normophosphatemic and hyperphosphatemic cases); can't-miss malignancies 6 over 4 diagnoses (hypercalcaemia of
malignancy 3, synovial sarcoma 1, extraskeletal chondrosarcoma 1, Askin tumour 1); look-alikes 17 over 11 diagnoses
(calcific tendinopathy 4; milk-alkali, calciphylaxis, tumour lysis 2 each; gout, vitamin D intoxication, calcifying
aponeurotic fibroma, myositis ossificans, FOP, hypoparathyroidism, primary hyperparathyroidism 1 each). Too small and
too thin in tumoral calcinosis to carry final figures alone; its use is a second blind reading beside the eighth, and
development material after.

Case format: the compact dict of tests/classifier/vignette_builder.py (see published_cases.py), with ``citation``
(authors, title, journal, year and, only when seen in the stored copy, ``pmid``, ``doi`` or ``pmcid``; ``verified`` is
True when at least one identifier was seen there) and, where the typing is not derived from the expected diagnosis,
``expected_typing``.

``python -m tests.classifier.vignette_builder --published-holdout9`` writes tests/classifier/published_holdout9/*.json.
"""

from tests.classifier.published_holdout import NOT_RETRIEVED, born

CASES = [
    # ---------------------------------------------------------------- tumoral calcinosis
    {
        "id": "uremic-hips-shoulders-destructive-arthropathy-primary-hyperoxaluria-haemodialysis-graft-loss-man-22-reumatol-clin",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Large joint destructive arthropathy and tumoral calcinosis with "
                     "calcium oxalate deposits in primary oxalosis on haemodialysis (exact title not retrieved)",
                     "journal": "Reumatologia Clinica (English edition), article S217357431300049X", "year": 2013,
                     "verified": False},
        "story": "22-year-old man with short stature from age 6, repeated kidney stones from age 8 and primary hyperoxaluria "
                 "diagnosed at 10, progressing to end-stage renal disease: peritoneal dialysis at 12, a living-donor kidney "
                 "transplant at 13 lost after 5 months, then haemodialysis three times a week since. Two years after starting "
                 "haemodialysis, bone pain and symmetrical arthritis of the wrists, metacarpophalangeal joints and knees, a "
                 "pathological fracture of the right femur at 16, and progressive polyarthritis not responding to NSAIDs; the "
                 "report describes a destructive arthropathy of the hips and shoulders with tumoral calcinosis. The deposit "
                 "analysis is not sent.",
        "birth": born(22, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True, "bone-erosion": True}},
                    {"site": "shoulder", "side": "bilateral", "flags": {"painful": True}}],
    },
    {
        "id": "tc-cervical-c3-c5-posterior-amorphous-masses-cord-compression-healthy-woman-90-spine-abstract",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Tumoral calcinosis involving the cervical spine", "journal": "Journal "
                     "not retrieved (abstract retold on discovery.researcher.life)", "year": None, "verified": False},
        "story": "90-year-old healthy woman with numbness of the upper limbs for 3 months and a 2-week history of progressive "
                 "weakness of the lower limbs; mild weakness and sensory impairment of all four limbs. CT: amorphous calcified "
                 "masses posterior to the spinous processes extending into the interlaminar spaces of C3/4 and C4/5 and "
                 "involving the posterior elements of C3-C4; a CT four years earlier had shown only subtle calcification of the "
                 "yellow ligament there, without mass or bone erosion. MRI: the mass is dark on T1 and T2 and compresses the "
                 "spinal cord. The resection histology is not sent (year not retrieved; 2018 used).",
        "birth": born(90, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "mass_duration": (3, "mo"),
        "lesions": [{"site": "paravertebral", "pattern": "amorphous", "flags": {"bone-contact": True, "bone-erosion": True}},
                    {"site": "neck"}],
    },
    # ---------------------------------------------------------------- added by a second writer, written blind (Classifier 149)
    {
        "id": "ssc-twenty-years-bilateral-inguinal-flank-subcutaneous-calcified-cords-painful-azathioprine-woman-53-rbcp",
        "expected": "systemic-sclerosis", "expected_typing": "secondary",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Resseccao cirurgica de calcinose sintomatica em paciente com esclerose sistemica",
                     "journal": "Revista Brasileira de Cirurgia Plastica (rbcp.org.br article 2357)", "year": None,
                     "verified": False},
        "story": "53-year-old woman with systemic sclerosis diagnosed 20 years earlier, referred by rheumatology for bilateral "
                 "inguinal calcinosis suggestive of dystrophic calcinosis, with continuous moderate-to-severe pain without "
                 "trigger or relief, at risk of ulceration and infection as it progressed; medical treatment had failed; on "
                 "azathioprine and prednisone. No previous surgery. On examination a hard, adherent, confluent cord in the "
                 "subcutaneous tissue of both groins and flanks, consistent with calcinosis. The excision histology is not "
                 "sent (year not retrieved; 2018 used).",
        "birth": born(53, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "findings": {"skin-sclerosis": True},
        "lesions": [{"site": "groin", "side": "bilateral", "flags": {"subcutaneous": True, "painful": True}}],
    },
    {
        "id": "jdm-from-age-two-painful-calcified-nodule-right-forearm-wheelchair-vitamin-d-deficiency-girl-16-akt-dermatol",
        "expected": "dermatomyositis", "expected_typing": "secondary",
        "citation": {"authors": "Allmendinger M, von den Driesch P",
                     "title": "Calcinosis metastatica bei sekundaerem Hyperparathyreoidismus bei Vitamin-D-Mangel",
                     "journal": "Aktuelle Dermatologie 2014;40(08/09):350-352", "year": 2014,
                     "doi": "10.1055/s-0034-1377566", "verified": True},
        "story": "16-year-old Arabian girl in whom juvenile dermatomyositis had been diagnosed elsewhere at the age of 2 years. "
                 "Over the years erythematous plaques and nodules with painful ulcerations developed on the trunk and all "
                 "extremities; she had been treated with several immunosuppressants and, because of massive muscle contractures, "
                 "was by now bound to a wheelchair. An especially painful calcified nodule of the right forearm (the English "
                 "abstract says the right elbow) was excised. Laboratory work-up: secondary hyperparathyroidism from vitamin D "
                 "deficiency (sent as high PTH and low vitamin D, interpretations; the values were not in the stored abstract). "
                 "The excision histology is not sent.",
        "birth": born(16, "2014-09-01"), "sex": "female", "date": "2014-09-01",
        "labs": {"pth": "H", "vitd": "L"},
        "findings": {"dermatomyositis-rash": True},
        "lesions": [{"site": "forearm", "side": "right", "flags": {"painful": True}}],
    },
    # ---------------------------------------------------------------- can't-miss malignancies
    {
        "id": "malignancy-hypercalcaemia-nape-fungating-mass-resected-three-times-haiti-weight-loss-pth-suppressed-man-55",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": NOT_RETRIEVED, "title": "Hypercalcaemia with a recurrent neck mass in a man from Haiti "
                     "(endocrine congress abstract; exact title not retrieved)", "journal": "Endocrine Society meeting "
                     "abstract (retold on a researcher.life topic page)", "year": None, "verified": False},
        "story": "55-year-old man recently arrived from Haiti with a progressively enlarging neck mass first noticed in 2000 and "
                 "resected three times between 2000 and 2017, recurring after each surgery; 10 kg unintentional weight loss "
                 "over several months and night sweats. An 8.7 x 14.0 x 14.0 cm fungating tumour on the nape extending to the "
                 "occiput, with cervical lymphadenopathy. WBC 21.7 K/uL, haemoglobin 6.0 g/dL, calcium 12.0 mg/dL, albumin "
                 "3.1 g/dL, corrected calcium 12.6 mg/dL, phosphorus 2.6 mg/dL, intact PTH < 4 pg/mL, PTH-related peptide 19 "
                 "pg/mL (14-27), SPEP normal. The biopsy is not sent (year not retrieved; 2018 used).",
        "birth": born(55, "2018-01-01"), "sex": "male", "date": "2018-01-01",
        "labs": {"calcium": (12.0, "mg/dL"), "albumin": (3.1, "g/dL"), "corrected-calcium-mass": (12.6, "mg/dL"),
                 "phosphate": (2.6, "mg/dL"), "pth": "L"},
        "findings": {"weight-loss": True, "recurrence-after-excision": True},
        "lesions": [{"site": "neck", "size_cm": 14.0, "flags": {"skin-ulceration": True, "rapid-growth": True}}],
    },
    {
        "id": "malignancy-hypercalcaemia-upper-back-ulcerated-tumour-fifteen-years-axillary-nodes-man-53-arch-dermatol-1997",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": NOT_RETRIEVED, "title": "Malignant Hypercalcemia Induced by a Parathyroid Hormone-Related "
                     "Protein Secreted by a Cutaneous Squamous Cell Carcinoma", "journal": "Archives of Dermatology "
                     "1997;133(1):113", "year": 1997, "doi": "10.1001/archderm.1997.03890370125030", "verified": True},
        "story": "53-year-old man with a voluminous ulcerated tumour of the upper back that had developed over 15 years, with "
                 "large axillary lymph nodes for 3 years. Blood count: hyperleukocytosis and thrombocytosis; renal and liver "
                 "function normal; HIV serology negative. Severe hypercalcaemia. The histology of the tumour is not sent.",
        "birth": born(53, "1997-01-01"), "sex": "male", "date": "1997-01-01",
        "labs": {"calcium": "H", "creatinine": "N"},
        "lesions": [{"site": "chest-wall", "flags": {"skin-ulceration": True}}, {"site": "axilla"}],
    },
    {
        "id": "malignancy-hypercalcaemia-semicomatose-chest-wall-skin-cancer-pthrp-raised-no-bone-metastasis-67-smj",
        "expected": "malignancy-hypercalcemia",
        "citation": {"authors": "Cisneros G, Lara LF, Crock R, Whittier FC", "title": "Humoral Hypercalcemia of Malignancy in "
                     "Squamous Cell Carcinoma of the Skin: Parathyroid Hormone-Related Protein as a Cause",
                     "journal": "Southern Medical Journal", "year": None, "verified": False},
        "story": "67-year-old semi-comatose patient (sex not given in the stored abstract) with a squamous cell skin cancer "
                 "confined to the chest wall and hypercalcaemia, corrected with intravenous fluids, furosemide and etidronate. "
                 "A thorough work-up ruled out bone metastasis and found a raised parathyroid hormone-related protein (year "
                 "not retrieved; 1998 used).",
        "birth": born(67, "1998-01-01"), "date": "1998-01-01",
        "labs": {"calcium": "H"},
        "findings": {"known-malignancy": True},
        "lesions": [{"site": "chest-wall"}],
    },
    {
        "id": "synovial-sarcoma-right-hypochondrium-abdominal-wall-13cm-pseudocalcifications-grew-in-pregnancy-woman-19",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Caiati G, Yasuda R, Pazsaravia M, Rueda JL, Calvino G", "title": "Sarcoma sinovial de pared "
                     "abdominal (poster; exact title not retrieved)", "journal": "78th Argentine Congress of Surgery, poster "
                     "(aac.org.ar congreso78 laminas, paredes 7)", "year": 2007, "verified": False},
        "story": "19-year-old woman with a mass of the right hypochondrium of one year's duration that appeared in the first "
                 "month of a pregnancy. CT after the pregnancy: a heterogeneous 11 x 13 cm mass with pseudocalcifications of "
                 "muscular origin displacing the right lobe of the liver. It was resected with the rectus muscle preserved and "
                 "the abdominal wall repaired with a polypropylene mesh; the histology is not sent (year of the congress used).",
        "birth": born(19, "2007-01-01"), "sex": "female", "date": "2007-01-01",
        "mass_duration": (1, "a"),
        "lesions": [{"site": "other", "side": "right", "size_cm": 13.0, "pattern": "punctate",
                     "flags": {"intramuscular": True}}],
    },
    {
        "id": "chondrosarcoma-mesenchymal-intraspinal-dumbbell-l5-massive-calcifications-sciatica-woman-26-wjso-2016",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": NOT_RETRIEVED, "title": "Primary intraspinal dumbbell-shaped mesenchymal chondrosarcoma with "
                     "massive calcifications: a case report and review of the literature", "journal": "World Journal of "
                     "Surgical Oncology 2016", "year": 2016, "doi": "10.1186/s12957-016-0963-9", "verified": True},
        "story": "26-year-old woman referred with a 1.5-month history of sciatic pain and numbness of the left leg. CT and MRI: "
                 "an intraspinal dumbbell-shaped mass with the features of a neurogenic tumour but with massive "
                 "calcifications; no metastasis. At surgery a lumbar nerve root had almost disappeared into the tumour. The "
                 "histology is not sent; the tumour recurred 5 months later.",
        "birth": born(26, "2016-01-01"), "sex": "female", "date": "2016-01-01",
        "mass_duration": (1.5, "mo"),
        "lesions": [{"site": "paravertebral", "side": "left", "pattern": "amorphous",
                     "flags": {"painful": True, "bone-contact": True}}],
    },
    {
        "id": "askin-left-hemithorax-pain-four-months-effort-extrapleural-mass-seventh-rib-not-eroded-boy-13-an-pediatr",
        "expected": "askin-tumor",
        "citation": {"authors": NOT_RETRIEVED, "title": "Tumor neuroectodermico primitivo (tumor de Askin) (exact title not "
                     "retrieved)", "journal": "Anales de Pediatria (analesdepediatria.org article S1695403310005229)",
                     "year": 2010, "verified": False},
        "story": "13-year-old boy with 4 months of pain in the left hemithorax radiating to the back, related to effort and "
                 "relieved by rest; deep palpation of the left mid-costal region was painful. Chest radiograph: a left "
                 "extrapulmonary mass related to the 7th rib, without erosion. MRI: a solid, homogeneous mass of high T1 "
                 "signal in close contact with the 7th rib, without bone matrix, with the obtuse margins of an extrapleural "
                 "lesion. Blood count and biochemistry normal. The en-bloc resection histology is not sent (Spanish "
                 "clinical letter).",
        "birth": born(13, "2010-06-01"), "sex": "male", "date": "2010-06-01",
        "labs": {"calcium": "N"},
        "mass_duration": (4, "mo"),
        "lesions": [{"site": "chest-wall", "side": "left", "flags": {"painful": True, "bone-contact": True,
                                                                     "bone-erosion": False}}],
    },
    # ---------------------------------------------------------------- look-alikes
    {
        "id": "gout-dorsolateral-left-foot-rubbery-mass-five-years-healthy-vietnamese-woman-35-podiatry-today",
        "expected": "gouty-tophus",
        "citation": {"authors": "Fishco W", "title": "Diagnosing And Treating Gout In An Unlikely Patient",
                     "journal": "Podiatry Today (blog case)", "year": None, "verified": False},
        "story": "35-year-old healthy, petite woman born in Vietnam with a large growth on the dorsolateral left foot, growing "
                 "slowly for five years or more without fluctuation, painful in closed shoes; no injury, no medication; also a "
                 "growth on the right little finger. Firm rubbery non-fluctuant 3.5 x 3.0 cm mass near the fifth "
                 "tarsometatarsal joint, not tender; normal pulses and neurological examination. Radiographs: soft-tissue "
                 "shadowing without bone involvement. MRI: a 2.1 x 1.7 x 3.4 cm lesion between the fourth and fifth metatarsal "
                 "bases (year not retrieved; 2012 used).",
        "birth": born(35, "2012-01-01"), "sex": "female", "date": "2012-01-01",
        "findings": {"trauma-at-site": False},
        "mass_duration": (5, "a"),
        "lesions": [{"site": "foot", "side": "left", "size_cm": 3.5, "flags": {"painful": False, "bone-contact": False}},
                    {"site": "finger", "side": "right"}],
    },
    {
        "id": "milk-alkali-antacid-gummies-42-bottles-two-weeks-psychosis-calcium-21-3-bicarbonate-47-woman-57-shm",
        "expected": "milk-alkali",
        "citation": {"authors": NOT_RETRIEVED, "title": "Milk-Alkali Syndrome Presenting with Psychosis Due to an Excessive "
                     "Intake of Calcium Carbonate", "journal": "Hospital Medicine meeting abstract (shmabstracts.org)",
                     "year": None, "verified": False},
        "story": "57-year-old woman with a week of confusion, weakness, poor appetite, abdominal pain, low mood and "
                 "constipation, with auditory hallucinations and paranoia; history of gastric reflux only. Told by a "
                 "telemedicine physician to take antacids, she ate 42 bottles of a gummy antacid in two weeks. Calcium 21.3 "
                 "mg/dl, pH 7.8, bicarbonate 47, creatinine 2.7 mg/dl; malignancy, hyperparathyroidism and granulomatous "
                 "disease were ruled out (year not retrieved; 2022 used).",
        "birth": born(57, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "labs": {"calcium": (21.3, "mg/dL"), "bicarbonate": (47, "mmol/L"), "creatinine": (2.7, "mg/dL")},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "milk-alkali-calcitriol-calcium-vitamin-d-for-hypoparathyroidism-calcium-15-7-woman-80-jgim-abstract",
        "expected": "milk-alkali",
        "citation": {"authors": NOT_RETRIEVED, "title": "An old cause of hypercalcemia", "journal": "J Gen Intern Med "
                     "(meeting abstract; Henry Ford scholarly commons internalmedicine_mtgabstracts 24)", "year": None,
                     "verified": False},
        "story": "80-year-old woman with two days of weakness; atrial fibrillation, hypothyroidism and severe aortic stenosis; "
                 "decreased muscle strength without focal signs. Serum calcium 15.7 mg/dL, ionised calcium 1.87 mmol/L, "
                 "creatinine 2.50 mg/dL up from a baseline of 1.4; PTH suppressed; 25-hydroxy and 1,25-dihydroxy vitamin D "
                 "normal; PTHrP, bone scan and SPEP/UPEP/free light chains normal. She had been taking calcitriol, 1800 mg of "
                 "elemental calcium and 2000 IU of vitamin D daily for hypoparathyroidism diagnosed years earlier; a urinary "
                 "infection was treated (year not retrieved; 2019 used).",
        "birth": born(80, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "labs": {"calcium": (15.7, "mg/dL"), "ionised-calcium": (1.87, "mmol/L"), "creatinine": (2.50, "mg/dL"),
                 "pth": "L", "vitd": "N", "calcitriol": "N"},
        "findings": {"vitamin-d-or-calcium-excess": True, "active-vitamin-d-therapy": True},
    },
    {
        "id": "vitamin-d-intoxication-over-twenty-supplements-nutritionist-150000-iu-vomiting-weight-loss-aki-middle-aged-man",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": "Alkundi A, Momoh R, Musa A, Nwafor N", "title": "Vitamin D intoxication and severe "
                     "hypercalcaemia complicating nutritional supplements misuse", "journal": "BMJ Case Reports (stored copy "
                     "of the abstract; the case told in The Pharmacist and a news retelling)", "year": 2022,
                     "doi": "10.1136/bcr-2022-250553", "verified": True},
        "story": "Middle-aged man (no exact age given in the stored copies) referred by his GP with three months of recurrent "
                 "vomiting, nausea, abdominal pain, leg cramps, tinnitus, dry mouth, thirst, diarrhoea and 28 lb weight loss, "
                 "starting a month after a regimen of more than 20 over-the-counter supplements advised by a private "
                 "nutritionist, including vitamin D 150,000 IU daily; he had stopped them without improvement. Past history: "
                 "spinal tuberculosis, hydrocephalus, bacterial meningitis, chronic rhinosinusitis. Very high calcium, slightly "
                 "raised magnesium, vitamin D seven times the sufficient level, acute kidney injury; imaging for cancer normal.",
        "sex": "male", "date": "2022-01-01",
        "labs": {"calcium": "H", "vitd": "H", "creatinine": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True, "weight-loss": True, "tuberculosis-history": True},
    },
    {
        "id": "calcifying-aponeurotic-fibroma-palmar-wrist-long-standing-painless-chondroid-calcifications-boy-13-radiopaedia",
        "expected": "calcifying-aponeurotic-fibroma",
        "citation": {"authors": "Hrishikesh VJ", "title": "Calcifying aponeurotic fibroma (Radiopaedia case)",
                     "journal": "Radiopaedia.org", "year": None, "verified": False},
        "story": "13-year-old boy with a painless lump on the palmar aspect of the right wrist of long-standing duration, "
                 "without limitation of movement. MRI: a poorly encapsulated enhancing soft-tissue mass with multiple small "
                 "T1- and T2-dark intralesional nodules over the scaphoid and trapezium, around the palmar aponeurosis and "
                 "superficial to the transverse carpal ligament, encasing the abductor pollicis longus tendon; a second smaller "
                 "similar lesion over the pisiform. CT: intralesional chondroid-type calcifications, no bone erosion (year not "
                 "retrieved; 2018 used).",
        "birth": born(13, "2018-01-01"), "sex": "male", "date": "2018-01-01",
        "lesions": [{"site": "wrist", "side": "right", "pattern": "punctate",
                     "flags": {"painful": False, "bone-erosion": False}},
                    {"site": "wrist", "side": "right"}],
    },
    {
        "id": "myositis-ossificans-left-inguinal-two-months-inflammatory-pain-no-trauma-mri-suggests-sarcoma-woman-33-ojrad-2012",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Tahiri L, Chbani L, Tizniti S, Elmrini A, Harzy T", "title": "Non Traumatic Myositis "
                     "Ossificans Mimicking a Malignant Neoplasm: A Case Report", "journal": "Open Journal of Radiology "
                     "2012;2(4):110-112", "year": 2012, "doi": "10.4236/ojrad.2012.24019", "verified": True},
        "story": "33-year-old Moroccan woman with a 2-month history of left inguinal inflammatory pain and a limping gait; she "
                 "denied any trauma; past history unremarkable. Examination: pain on motion and limping only. White cell count "
                 "6700/mm3, ESR 28 mm, CRP 14 mg/l, calcium 92 mg/l. Left hip radiograph normal; MRI suggested a malignant "
                 "neoplasm such as a soft-tissue osteosarcoma. The incisional biopsy is not sent.",
        "birth": born(33, "2010-08-14"), "sex": "female", "date": "2010-08-14",
        "labs": {"crp": (14, "mg/L"), "calcium": (92, "mg/L")},
        "findings": {"trauma-at-site": False},
        "mass_duration": (2, "mo"),
        "lesions": [{"site": "groin", "side": "left", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "calciphylaxis-bilateral-thigh-eschars-three-weeks-alcoholic-liver-disease-normal-pth-calcium-phosphate-man-54-shm",
        "expected": "calciphylaxis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Non-Uremic Calciphylaxis in the Setting of Alcoholic Liver Disease",
                     "journal": "Hospital Medicine meeting abstract (shmabstracts.org)", "year": None, "verified": False},
        "story": "54-year-old man transferred from a long-term acute care facility with a 3-week history of wounds of both "
                 "proximal thighs, the first on the lateral right thigh looking like an eschar; history of hypertension, a "
                 "seizure disorder and alcoholic liver disease, with a preserved estimated glomerular filtration rate. An "
                 "outside debridement specimen was read as a possible vasculitis with chronic inflammation and calcium deposits; "
                 "systemic corticosteroids did not help; wound cultures grew Klebsiella pneumoniae and vancomycin-resistant "
                 "Enterococcus. A similar wound then appeared on the medial left thigh. PTH, calcium and phosphate normal. The "
                 "punch biopsy result is not sent (year not retrieved; 2019 used).",
        "birth": born(54, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "labs": {"pth": "N", "calcium": "N", "phosphate": "N", "egfr": "N"},
        "findings": {"chronic-kidney-disease": False, "dialysis": False},
        "lesions": [{"site": "thigh", "side": "right", "flags": {"skin-ulceration": True, "painful": True}},
                    {"site": "thigh", "side": "left", "flags": {"skin-ulceration": True}}],
    },
    {
        "id": "calciphylaxis-widespread-truncal-skin-necrosis-debrided-as-necrotising-fasciitis-no-renal-disease-woman-38-ejps",
        "expected": "calciphylaxis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Non-uraemic calciphylaxis: a diagnostic and management challenge for "
                     "the burns team", "journal": "European Journal of Plastic Surgery (Springer case report)", "year": 2017,
                     "doi": "10.1007/s00238-017-1358-z", "verified": True},
        "story": "38-year-old woman admitted elsewhere with widespread progressive truncal skin necrosis; a provisional "
                 "diagnosis of necrotising fasciitis led to debridement of 32% of her total body surface area, after which she "
                 "deteriorated and was transferred to a burn centre. Progressive skin and fat necrosis at the wound margins with "
                 "healthy underlying fascia and muscle; no renal disease; alcoholic liver disease. The tissue biopsy is not ",
        "sent.birth": born(38, "2017-06-01"), "sex": "female", "date": "2017-06-01",
        "findings": {"chronic-kidney-disease": False},
        "lesions": [{"site": "chest-wall", "flags": {"skin-ulceration": True, "rapid-growth": True}}],
    },
    {
        "id": "calcific-tendinopathy-right-shoulder-intraosseous-migration-supraspinatus-severe-pain-woman-29-jscr-2023",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Albishi W, Alaseem A, Aljasser S, Almohideb F, Almalki M, AlFaleh AF",
                     "title": "Intraosseous extension of supraspinatus calcific tendonitis in a young patient with severe "
                     "shoulder pain: a rare case report", "journal": "Journal of Surgical Case Reports 2023;2023(6):rjad354",
                     "year": 2023, "doi": "10.1093/jscr/rjad354", "verified": True},
        "story": "29-year-old woman with severe right shoulder pain and a limited range of motion. Imaging showed a calcific "
                 "deposit related to the supraspinatus tendon that had migrated into the bone of the humerus; a CT-guided "
                 "percutaneous bone biopsy of the lesion was done (its result is not sent) and her symptoms resolved after it.",
        "birth": born(29, "2023-06-01"), "sex": "female", "date": "2023-06-01",
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"painful": True, "bone-contact": True,
                                                                    "bone-erosion": True}}],
    },
    {
        "id": "calcific-tendinopathy-right-shoulder-unusual-location-partial-resolution-then-severe-night-pain-woman-45-jcrs",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Agarwal S", "title": "Hydroxyapatite Deposition Disease- Spontaneous Resolution of Significant "
                     "Post Treatment Deposit", "journal": "Journal of Case Reports and Studies (Annex Publishers, article "
                     "7101)", "year": 2019, "verified": False},
        "story": "45-year-old woman with calcific deposits in an unusual location of her right shoulder, which partly "
                 "disappeared on conservative treatment; she then developed severe right shoulder pain with restriction of "
                 "all movements, severe enough to interfere with her sleep. Barbotage was done; the deposit could not be "
                 "aspirated entirely because the needle clogged repeatedly.",
        "birth": born(45, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "lesions": [{"site": "shoulder", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "fop-back-iliopsoas-ossification-scoliosis-mandibular-angle-contracture-after-neck-release-girl-13-front-pediatr",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": "Sun D, Liu P, Wang Z, Mu J, Cao J", "title": "Fibrodysplasia ossificans progressiva: A rare "
                     "disease with spinal deformity and severe hip dysfunction", "journal": "Frontiers in Pediatrics "
                     "2022;10:981372", "year": 2022, "doi": "10.3389/fped.2022.981372", "verified": True},
        "story": "13-year-old girl with a history of a right cervical fascial release and an excision of heterotopic bone of the "
                 "back, presenting with recurrence of the heterotopic ossification, scoliosis and progressive joint stiffness, "
                 "with a contracture at the mandibular angle and severe hip stiffness. CT and MRI: heterotopic ossification of "
                 "the left back muscles and the left iliopsoas muscle, with spinal scoliosis.",
        "birth": born(13, "2022-09-15"), "sex": "female", "date": "2022-09-15",
        "findings": {"recurrence-after-excision": True},
        "lesions": [{"site": "paravertebral", "side": "left", "flags": {"intramuscular": True}},
                    {"site": "hip-gluteal", "side": "left", "flags": {"intramuscular": True}}],
    },
    {
        "id": "hypoparathyroidism-delayed-symptomatic-hypocalcaemia-30-years-after-total-thyroidectomy-woman-60-sri-lanka",
        "expected": "hypoparathyroidism",
        "citation": {"authors": NOT_RETRIEVED, "title": "Delayed post-thyroidectomy hypoparathyroidism: three cases from Sri "
                     "Lanka (exact title not retrieved)", "journal": "Case Reports in Endocrinology (Hindawi) 2020:1735351",
                     "year": 2020, "verified": False},
        "story": "60-year-old Sri Lankan woman (the first of three cases) presenting with symptomatic hypocalcaemia for the "
                 "first time, 30 years after a total thyroidectomy for follicular thyroid carcinoma. Parathyroid hormone was "
                 "low and no other cause of hypoparathyroidism was found (the report's diagnosis asserts the low calcium and "
                 "PTH, sent as interpretations).",
        "birth": born(60, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "labs": {"calcium": "L", "pth": "L"},
        "findings": {"neck-surgery": True, "known-malignancy": True},
    },
    {
        "id": "primary-hyperparathyroidism-left-hip-pain-one-month-past-hyperthyroidism-woman-35-abstract",
        "expected": "primary-hyperparathyroidism",
        "citation": {"authors": NOT_RETRIEVED, "title": "Parathyroid adenoma presenting with hip pain (abstract; exact title "
                     "not retrieved)", "journal": "Journal not retrieved (abstract retold on a researcher.life topic page, "
                     "solitary adenomas)", "year": None, "verified": False},
        "story": "35-year-old woman with left hip pain for one month, worse over the last week; past history of "
                 "hyperthyroidism. Laboratory and biochemical findings were those of primary hyperparathyroidism (raised calcium "
                 "and PTH, sent as interpretations as the report's diagnosis asserts them). She underwent a left parathyroid "
                 "excision with subtotal thyroidectomy; its histology is not sent (year not retrieved; 2021 used).",
        "birth": born(35, "2021-01-01"), "sex": "female", "date": "2021-01-01",
        "labs": {"calcium": "H", "pth": "H"},
        "lesions": [{"site": "hip-gluteal", "side": "left", "flags": {"painful": True}}],
    },
    {
        "id": "tumour-lysis-spontaneous-metastatic-small-cell-lung-liver-masses-potassium-7-4-urate-16-5-wjon-2015",
        "expected": "tumor-lysis-syndrome",
        "citation": {"authors": "Weerasinghe C, Zaarour M, Arnaout S, Garcia G, Dhar M", "title": "Spontaneous Tumor Lysis "
                     "Syndrome in Small-Cell Lung Cancer: A Rare Complication", "journal": "World Journal of Oncology "
                     "2015;6(5):464-471", "year": 2015, "doi": "10.14740/wjon946w", "verified": True},
        "story": "Patient (age and sex not in the stored copy) with metastatic small-cell lung cancer who developed tumour lysis "
                 "before any cytotoxic treatment; imaging showed innumerable hepatic masses and metastases to the cervical "
                 "spine and supraclavicular nodes. Admission laboratory values: leukocytes 12.23, potassium 7.4 mEq/L (3.5-5), "
                 "bicarbonate 12 mEq/L (17-32), urea 66 mg/dL, creatinine 3.92 mg/dL (0.7-1.5), calcium 8.2 mg/dL (8.5-10.1), "
                 "phosphorus 4.3 mg/dL (2.1-4.9), albumin 2.9 g/dL, bilirubin 5.9 mg/dL, alkaline phosphatase 498 IU/L, LDH "
                 "913 IU/L, uric acid 16.5 mg/dL (4.8-8.7), lactic acid 8.5 mmol/L.",
        "date": "2015-10-01",
        "labs": {"potassium": (7.4, "mEq/L", (3.5, 5)), "bicarbonate": (12, "mEq/L", (17, 32)),
                 "creatinine": (3.92, "mg/dL", (0.7, 1.5)), "calcium": (8.2, "mg/dL", (8.5, 10.1)),
                 "phosphate": (4.3, "mg/dL", (2.1, 4.9)), "albumin": (2.9, "g/dL", (3.0, 5.5)),
                 "alp": (498, "IU/L", (30, 115)), "urate": (16.5, "mg/dL", (4.8, 8.7))},
        "findings": {"known-malignancy": True, "recent-cytotoxic-therapy": False},
    },
    {
        "id": "tumour-lysis-spontaneous-extensive-small-cell-lung-dyspnoea-oliguria-man-59-turk-j-emerg-med-2020",
        "expected": "tumor-lysis-syndrome",
        "citation": {"authors": "Alan AM, Alan O", "title": "A case of spontaneous tumor lysis syndrome in extensive-stage "
                     "small-cell lung cancer: A rare oncologic emergency", "journal": "Turkish Journal of Emergency Medicine "
                     "2020;20(3):142-5", "year": 2020, "doi": "10.4103/2452-2473.290061", "verified": True},
        "story": "59-year-old man with extensive-stage small-cell lung cancer, not yet treated with chemotherapy or "
                 "radiotherapy, presenting with dyspnoea and oliguria; acute renal failure and hyperuricaemia (the report's "
                 "keywords and diagnosis assert them; sent as interpretations).",
        "birth": born(59, "2020-07-18"), "sex": "male", "date": "2020-07-18",
        "labs": {"urate": "H", "creatinine": "H"},
        "findings": {"known-malignancy": True, "recent-cytotoxic-therapy": False},
    },
    {
        "id": "calcific-tendinopathy-bilateral-ischiogluteal-bursitis-buttock-pain-year-left-supraspinatus-woman-43-jocr",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Schuh A, Narayan CT, Schuh R, Honle W", "title": "Calcifying Bursitis ischioglutealis: A Case "
                     "report", "journal": "Journal of Orthopaedic Case Reports (stored copy on abcdocz)", "year": None,
                     "verified": False},
        "story": "43-year-old woman with a one-year history of pain in both buttocks and three months of recurrent left shoulder "
                 "pain, gradually increasing; no relevant history of systemic illness or major trauma to the buttock. "
                 "Radiographs showed calcific deposits in both ischiogluteal bursae, between the ischial tuberosity and the "
                 "gluteus maximus, and calcific tendinitis of the left supraspinatus tendon. Aspiration of both bursae returned "
                 "calcareous material (its analysis is not sent) (year not retrieved; 2013 used).",
        "birth": born(43, "2013-01-01"), "sex": "female", "date": "2013-01-01",
        "findings": {"trauma-at-site": False},
        "mass_duration": (1, "a"),
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True}},
                    {"site": "shoulder", "side": "left", "pattern": "tendon-linear", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendinopathy-posterior-femur-gluteal-tuberosity-post-activity-buttock-pain-man-58-karm-2020",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Park JY, Lee JH, Jeong HJ, Sim YJ, Kim GC", "title": "A Rare Location of Calcific Tendinitis "
                     "Behind the Gluteal Tuberosity and Successful Remission", "journal": "Korean Academy of Rehabilitation "
                     "Medicine 2020 meeting, poster P-368", "year": 2020, "verified": False},
        "story": "58-year-old man without a history of trauma referred for right buttock pain: little pain at rest or before "
                 "activity, no pain with trunk or hip motion, no lateral hip pain or tenderness, but pain after activity rated "
                 "10/10. Hip radiographs (AP and frog-leg) unremarkable; an additional lateral femur radiograph showed a "
                 "calcific deposit split in two behind the femur at the level of the lesser trochanter. Ultrasound: a "
                 "hyperechoic mass with little or no posterior acoustic shadow near the gluteal tuberosity.",
        "birth": born(58, "2020-02-01"), "sex": "male", "date": "2020-02-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "thigh", "side": "right", "flags": {"painful": True, "bone-contact": True}}],
    },
]
