#!/usr/bin/env python3
"""Generate the bundled "Northwind Outfitters" demo catalog and FAQ for guide-sdk.

The data is written by the project (not copied from any dataset). Brand names are
real, model names are plausible and partly invented, prices/attributes are
illustrative only.

Deterministic: standard library only, fixed random seed. Re-running the script
produces byte-identical output. Run from the repository root:

    python3 tools/demo-catalog/generate.py
"""
import json
import os
import random
import re

SEED = 20240611
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(ROOT, "guide-sdk-core", "src", "main", "resources",
                       "io", "guidesdk", "core", "demo")
STORE = "Northwind Outfitters"

rng = random.Random(SEED)
products = []
_counters = {}
_titles = set()


def popularity():
    # Sales count, heavily skewed: most products sell a little, a few sell a lot.
    return int(round(1000 * rng.random() ** 4))


def add(prefix, top, leaf, title, brand, price, attrs, description):
    if title in _titles:
        raise ValueError("duplicate title: " + title)
    _titles.add(title)
    for k, v in attrs.items():
        if not isinstance(v, str) or v != v.lower():
            raise ValueError("attribute %s=%r of %s must be a lowercase string" % (k, v, title))
    description = re.sub(r"\b[Tt]he The ", "The ", description)
    n = _counters.get(prefix, 0) + 1
    _counters[prefix] = n
    products.append({
        "id": "%s-%04d" % (prefix, n),
        "title": title,
        "description": description,
        "category": [top, leaf],
        "brand": brand,
        "price": round(price, 2),
        "currency": "USD",
        "attributes": attrs,
        "inStock": rng.random() < 0.9,
        "popularity": popularity(),
    })


def pick(seq):
    return seq[rng.randrange(len(seq))]


def cap(s):
    return s[:1].upper() + s[1:]


def num(x):
    """Format a number as an attribute string without trailing zeros."""
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s


_DISPLAY = {"pvc": "PVC", "tpe": "TPE", "nbr": "NBR", "aus-10": "AUS-10", "vg-max": "VG-MAX",
            "damascus": "Damascus", "cromova": "CROMOVA", "german": "German", "tritan": "Tritan"}


def disp(value):
    """Render a lowercase attribute value for prose (restores acronyms and proper nouns)."""
    return " ".join(_DISPLAY.get(w, w) for w in value.split(" "))


GENDER_WORD = {"men": "Men's", "women": "Women's", "unisex": "Unisex"}
SHOE_SIZES = {"men": "7-14", "women": "5-11", "unisex": "4-13"}

# ---------------------------------------------------------------------------
# Shoes / Running Shoes
# ---------------------------------------------------------------------------
# brand, model, price, cushioning, men's weight (g), waterproof, surface, role,
# men's colours, women's colours, feature
RUNNING = [
    ("Nike", "Revolution 7", 69.99, "moderate", 265, "no", "road and treadmill", "budget",
     ["black", "grey"], ["white", "pink"], "a soft foam midsole and a breathable mesh upper"),
    ("Nike", "Downshifter 13", 64.99, "moderate", 275, "no", "road and treadmill", "budget",
     ["navy", "black"], ["grey", "white"], "a lightweight foam midsole and a durable rubber outsole"),
    ("Nike", "Pegasus 41", 139.99, "moderate", 285, "no", "road", "daily",
     ["black", "blue"], ["white", "pink"], "ReactX foam with Air Zoom units in the forefoot and heel"),
    ("Nike", "Pegasus 41 GORE-TEX", 159.99, "moderate", 305, "yes", "road", "daily",
     ["black", "olive"], ["grey", "black"], "ReactX foam under a GORE-TEX upper with a grippy rubber outsole"),
    ("Nike", "Invincible 3", 179.99, "max", 310, "no", "road", "long",
     ["white", "grey"], ["white", "purple"], "a thick ZoomX foam stack and a wide, stable base"),
    ("Adidas", "Duramo SL", 69.99, "moderate", 270, "no", "road and treadmill", "budget",
     ["black", "navy"], ["white", "pink"], "Lightmotion cushioning and an engineered mesh upper"),
    ("Adidas", "Supernova Rise", 139.99, "high", 300, "no", "road", "daily",
     ["black", "blue"], ["white", "teal"], "Dreamstrike+ foam and a supportive, padded heel counter"),
    ("Adidas", "Ultraboost Light", 189.99, "high", 295, "no", "road", "long",
     ["white", "black"], ["white", "beige"], "a Light Boost midsole and a Continental rubber outsole"),
    ("Asics", "Jolt 5", 59.99, "moderate", 290, "no", "road and treadmill", "budget",
     ["black", "grey"], ["white", "blue"], "a durable AHAR outsole and a roomy toe box"),
    ("Asics", "Gel-Contend 9", 64.99, "moderate", 285, "no", "road and treadmill", "budget",
     ["navy", "black"], ["pink", "white"], "rearfoot GEL cushioning and an AMPLIFOAM midsole"),
    ("Asics", "Gel-Nimbus 26", 159.95, "max", 305, "no", "road", "long",
     ["black", "blue"], ["white", "purple"], "FF BLAST+ ECO foam and PureGEL cushioning in the heel"),
    ("Asics", "Gel-Kayano 31", 164.95, "high", 310, "no", "road", "stability",
     ["navy", "black"], ["white", "pink"], "the 4D Guidance System and PureGEL cushioning"),
    ("Brooks", "Revel 7", 99.95, "moderate", 275, "no", "road and treadmill", "budget",
     ["black", "grey"], ["white", "coral"], "a BioMoGo DNA midsole and a stretchy knit upper"),
    ("Brooks", "Ghost 16", 139.95, "moderate", 285, "no", "road", "daily",
     ["black", "grey"], ["white", "blue"], "nitrogen-infused DNA LOFT v3 foam for smooth heel-to-toe transitions"),
    ("Brooks", "Ghost 16 GTX", 159.95, "moderate", 300, "yes", "road", "daily",
     ["black", "navy"], ["black", "grey"], "a GORE-TEX membrane over DNA LOFT v3 cushioning"),
    ("Brooks", "Glycerin 21", 159.95, "max", 290, "no", "road", "long",
     ["navy", "white"], ["pink", "white"], "a high stack of DNA LOFT v3 cushioning and a plush knit collar"),
    ("Hoka", "Clifton 9", 144.95, "high", 250, "no", "road", "daily",
     ["black", "blue"], ["white", "pink"], "a compression-molded EVA midsole and an early-stage Meta-Rocker"),
    ("Hoka", "Bondi 8", 164.95, "max", 305, "no", "road", "long",
     ["black", "white"], ["white", "beige"], "an extended heel and Hoka's softest, most cushioned midsole"),
    ("New Balance", "Fresh Foam Arishi v4", 74.99, "moderate", 260, "no", "road and treadmill", "budget",
     ["grey", "black"], ["white", "teal"], "a Fresh Foam midsole and a no-sew mesh upper"),
    ("New Balance", "FuelCell SC Elite v4", 219.99, "responsive", 215, "no", "road", "race",
     ["white", "orange"], ["white", "yellow"], "a full-length carbon fiber plate embedded in FuelCell foam"),
    ("Saucony", "Axon 3", 94.95, "high", 270, "no", "road and treadmill", "budget",
     ["black", "blue"], ["white", "purple"], "a PWRRUN midsole and a rockered geometry"),
    ("Saucony", "Ride 17", 139.95, "moderate", 270, "no", "road", "daily",
     ["navy", "grey"], ["white", "pink"], "a PWRRUN+ midsole and a secure, padded heel collar"),
    ("Saucony", "Endorphin Speed 4", 169.95, "responsive", 235, "no", "road", "race",
     ["orange", "black"], ["white", "green"], "a winged nylon plate inside supercritical PWRRUN PB foam"),
    ("Under Armour", "Charged Assert 10", 74.99, "moderate", 285, "no", "road and treadmill", "budget",
     ["black", "red"], ["white", "grey"], "Charged Cushioning and a lightweight mesh upper"),
    ("Puma", "Velocity Nitro 3", 129.99, "high", 265, "no", "road", "daily",
     ["black", "yellow"], ["white", "pink"], "nitrogen-infused NITRO foam and a PUMAGRIP rubber outsole"),
]

RUN_ROLE = {
    "budget": ("everyday runs and gym sessions", "Road Running Shoe"),
    "daily": ("daily training miles", "Road Running Shoe"),
    "long": ("long runs and recovery days", "Road Running Shoe"),
    "stability": ("runners who overpronate", "Stability Running Shoe"),
    "race": ("tempo workouts and race day", "Racing Shoe"),
}
CUSH = {"max": "maximally cushioned", "high": "plush, highly cushioned",
        "moderate": "balanced, moderately cushioned", "responsive": "light, snappy and responsive"}


def weight_comment(w):
    if w < 240:
        return "feels fast and light underfoot"
    if w < 290:
        return "is light enough for everyday training"
    return "trades a few grams for extra protection on longer runs"


for brand, model, price, cush, wm, wp, surface, role, mcol, wcol, feat in RUNNING:
    use, kind = RUN_ROLE[role]
    for gender, colors in (("men", mcol), ("women", wcol)):
        color = pick(colors)
        w = wm if gender == "men" else wm - rng.choice([35, 40, 45])
        sizes = SHOE_SIZES[gender]
        gw = GENDER_WORD[gender]
        name = "%s %s" % (brand, model)
        if wp == "yes":
            water = pick(["A waterproof GORE-TEX upper keeps your feet dry on wet, cold runs.",
                          "Its waterproof membrane shrugs off puddles and rain, making it a solid winter option."])
        else:
            water = pick(["The breathable upper keeps air moving on warm-weather runs.",
                          "An airy mesh upper keeps things cool when the miles pile up.",
                          ""])
        surf = "on the road and the treadmill" if surface == "road and treadmill" else "on the road"
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is a %s shoe made for %s. It is built with %s. The %s version weighs about %d g and comes in US sizes %s." % (
                name, CUSH[cush], use, feat, gw.lower(), w, sizes)
        elif t == 1:
            d = "Built around %s, the %s delivers a %s ride %s. At roughly %d g per shoe it %s." % (
                feat, name, CUSH[cush], surf, w, weight_comment(w))
        else:
            d = "Looking for a %s shoe for %s? The %s combines %s with a secure, comfortable fit. This %s pair in %s weighs about %d g and is offered in US sizes %s." % (
                CUSH[cush].split(",")[0], use, name, feat, gw.lower(), color, w, sizes)
        d = (d + " " + water).strip()
        title = "%s %s %s" % (name, gw, kind)
        attrs = {"color": color, "gender": gender, "size_range": sizes, "waterproof": wp,
                 "weight_g": str(w), "surface": surface, "cushioning": cush}
        add("SHOE-RUN", "Shoes", "Running Shoes", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Shoes / Trail Running Shoes
# ---------------------------------------------------------------------------
# brand, model, price, men's weight, waterproof, terrain, lug depth mm, colours, feature
TRAIL = [
    ("Salomon", "Speedcross 6", 140.00, 298, "no", "mud and soft ground", "5",
     ["black", "blue", "green"], "aggressive chevron lugs and a snug SensiFit upper"),
    ("Salomon", "Speedcross 6 GTX", 165.00, 320, "yes", "mud and soft ground", "5",
     ["black", "grey"], "a GORE-TEX membrane and aggressive chevron lugs"),
    ("Salomon", "Sense Ride 5", 140.00, 290, "no", "mixed trail", "3.5",
     ["grey", "blue", "black"], "Optivibe cushioning and a protective toe cap"),
    ("Hoka", "Speedgoat 6", 155.00, 280, "no", "technical", "5",
     ["orange", "black", "blue"], "a Vibram Megagrip outsole and a lightweight supercritical foam midsole"),
    ("Hoka", "Speedgoat 6 GTX", 175.00, 305, "yes", "technical", "5",
     ["black", "grey"], "a GORE-TEX bootie and a Vibram Megagrip outsole"),
    ("Hoka", "Challenger 7", 145.00, 275, "no", "mixed trail", "4",
     ["grey", "green", "blue"], "an all-terrain outsole that moves smoothly from pavement to dirt"),
    ("Brooks", "Cascadia 17", 139.95, 315, "no", "rocky", "3.5",
     ["black", "green", "grey"], "the Trail Adapt System and a protective rock plate"),
    ("Brooks", "Catamount 3", 169.95, 270, "no", "technical", "4",
     ["orange", "black"], "DNA FLASH v2 foam and a SkyVault propulsion plate"),
    ("Saucony", "Peregrine 14", 139.95, 275, "no", "technical", "5",
     ["green", "black", "orange"], "a PWRTRAC outsole and a flexible rock plate"),
    ("Altra", "Lone Peak 8", 139.95, 315, "no", "mixed trail", "4",
     ["grey", "blue", "black"], "a zero-drop platform and a wide FootShape toe box"),
    ("Merrell", "Agility Peak 5", 140.00, 300, "no", "technical", "5",
     ["black", "olive", "blue"], "a Vibram Megagrip outsole and a FloatPro foam midsole"),
    ("Merrell", "Agility Peak 5 GTX", 160.00, 320, "yes", "technical", "5",
     ["black", "olive"], "a GORE-TEX membrane and a Vibram Megagrip outsole"),
    ("Asics", "Trabuco 12", 150.00, 300, "no", "rocky", "4",
     ["black", "orange", "grey"], "FF BLAST+ cushioning and an ASICSGRIP outsole"),
    ("Asics", "Gel-Venture 9", 74.95, 315, "no", "mixed trail", "3",
     ["black", "grey", "navy"], "rearfoot GEL cushioning and a rugged trail-specific outsole"),
    ("New Balance", "Fresh Foam X Hierro v8", 150.00, 310, "no", "mixed trail", "4",
     ["green", "black", "grey"], "Fresh Foam X cushioning and a Vibram Megagrip outsole"),
    ("The North Face", "Vectiv Enduris 4", 165.00, 325, "no", "rocky", "3.5",
     ["black", "olive", "red"], "a rockered VECTIV plate and a durable SURFACECTRL outsole"),
    ("Adidas", "Terrex Agravic Speed", 130.00, 260, "no", "mixed trail", "4",
     ["black", "teal", "white"], "Lightstrike foam and a Continental rubber outsole"),
    ("Nike", "Pegasus Trail 5", 139.99, 285, "no", "mixed trail", "3",
     ["olive", "black", "orange"], "ReactX foam and an All Terrain Compound outsole"),
]
TERRAIN_TXT = {
    "mud and soft ground": "muddy, soft and loose ground",
    "mixed trail": "mixed terrain, from gravel paths to smooth singletrack",
    "technical": "steep, technical mountain trails",
    "rocky": "rocky, root-strewn trails",
}
for brand, model, price, wm, wp, terrain, lug, colors, feat in TRAIL:
    for gender in ("men", "women"):
        color = pick(colors)
        w = wm if gender == "men" else wm - rng.choice([35, 40, 45])
        sizes = SHOE_SIZES[gender]
        gw = GENDER_WORD[gender]
        name = "%s %s" % (brand, model)
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is a trail running shoe designed for %s. It pairs %s with %s mm lugs for confident grip." % (
                name, TERRAIN_TXT[terrain], feat, lug)
        elif t == 1:
            d = "Take on %s with the %s. %s and %s mm lugs keep you planted on descents, while the %s version weighs a manageable %d g." % (
                TERRAIN_TXT[terrain], name, cap(feat), lug, gw.lower(), w)
        else:
            d = "With %s, the %s is ready for %s. Each shoe weighs about %d g; this %s colorway comes in US sizes %s." % (
                feat, name, TERRAIN_TXT[terrain], w, color, sizes)
        if wp == "yes":
            d += " " + pick(["A waterproof membrane keeps feet dry through stream crossings and wet grass.",
                             "Being fully waterproof, it is a great pick for wet shoulder-season runs."])
        elif t == 0:
            d += " " + pick(["The quick-drying upper sheds trail dust and breathes well on hot days.",
                             "Each shoe weighs about %d g in the %s version." % (w, gw.lower())])
        title = "%s %s Trail Running Shoe" % (name, gw)
        attrs = {"color": color, "gender": gender, "size_range": sizes, "waterproof": wp,
                 "weight_g": str(w), "terrain": terrain, "lug_depth_mm": lug}
        add("SHOE-TRL", "Shoes", "Trail Running Shoes", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Shoes / Hiking Boots
# ---------------------------------------------------------------------------
# brand, model, price, men's weight per boot, waterproof, cut, use, colours, feature
HIKING = [
    ("Merrell", "Moab 3 Mid Waterproof", 150.00, 540, "yes", "mid", "day hiking",
     ["brown", "grey", "olive"], "an M Select DRY membrane and a Vibram TC5+ outsole"),
    ("Merrell", "Moab 3 Mid", 130.00, 500, "no", "mid", "day hiking",
     ["brown", "beige"], "a breathable mesh and suede upper over a Vibram TC5+ outsole"),
    ("Salomon", "X Ultra 4 Mid GTX", 175.00, 470, "yes", "mid", "day hiking",
     ["black", "grey", "brown"], "a GORE-TEX membrane and an Advanced Chassis for stability on uneven ground"),
    ("Salomon", "Quest 4 GTX", 230.00, 690, "yes", "high", "backpacking",
     ["brown", "black"], "a GORE-TEX lining and a 4D Advanced Chassis for heavy loads"),
    ("Columbia", "Newton Ridge Plus II Waterproof", 100.00, 520, "yes", "mid", "day hiking",
     ["brown", "black", "grey"], "seam-sealed leather construction and an Omni-Grip rubber outsole"),
    ("Columbia", "Facet 75 Mid OutDry", 170.00, 480, "yes", "mid", "day hiking",
     ["black", "grey"], "an OutDry waterproof membrane and Navic Fusion foam"),
    ("The North Face", "Vectiv Fastpack Mid Futurelight", 180.00, 500, "yes", "mid", "day hiking",
     ["black", "olive"], "a FUTURELIGHT membrane and a VECTIV rocker plate"),
    ("Keen", "Targhee IV Mid Waterproof", 185.00, 580, "yes", "mid", "day hiking",
     ["brown", "olive", "black"], "a KEEN.DRY membrane and 4 mm multidirectional lugs"),
    ("Keen", "Circadia Mid Waterproof", 165.00, 540, "yes", "mid", "day hiking",
     ["grey", "brown"], "a KEEN.DRY membrane and a supportive KonnectFit heel"),
    ("Lowa", "Renegade GTX Mid", 265.00, 680, "yes", "mid", "backpacking",
     ["brown", "black"], "a Monowrap frame, a nubuck upper and a GORE-TEX lining"),
    ("Danner", "Trail 2650 Mid GTX", 210.00, 460, "yes", "mid", "day hiking",
     ["brown", "grey", "black"], "a GORE-TEX lining and a Vibram 460 outsole"),
    ("Oboz", "Sawtooth X Mid Waterproof", 190.00, 600, "yes", "mid", "backpacking",
     ["brown", "black"], "a B-DRY membrane and a supportive O FIT insole"),
    ("Vasque", "Breeze LT Mid GTX", 200.00, 520, "yes", "mid", "day hiking",
     ["grey", "brown"], "a breathable GORE-TEX lining and a Vibram Megagrip outsole"),
    ("Scarpa", "Zodiac Plus GTX", 289.00, 620, "yes", "mid", "backpacking",
     ["grey", "olive"], "a suede upper, a GORE-TEX lining and a Vibram Drumlin outsole"),
    ("Timberland", "Mt. Maddsen Mid Waterproof", 110.00, 560, "yes", "mid", "day hiking",
     ["brown", "black"], "a waterproof leather upper and an anti-fatigue footbed"),
    ("Adidas", "Terrex Swift R3 Mid GTX", 170.00, 480, "yes", "mid", "day hiking",
     ["black", "grey", "olive"], "a GORE-TEX membrane and a Continental rubber outsole"),
]
for brand, model, price, wm, wp, cut, use, colors, feat in HIKING:
    for gender in ("men", "women"):
        color = pick(colors)
        w = wm if gender == "men" else wm - rng.choice([50, 60, 70])
        sizes = SHOE_SIZES[gender]
        gw = GENDER_WORD[gender]
        name = "%s %s" % (brand, model)
        load = "multi-day trips with a heavy pack" if use == "backpacking" else "day hikes and light trails"
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is a %s-cut hiking boot for %s. It features %s." % (name, cut, load, feat)
        elif t == 1:
            d = "Built for %s, the %s combines %s with %s-cut ankle support." % (load, name, feat, cut)
        else:
            d = "Head out on %s in the %s. This %s-cut boot weighs about %d g per boot and features %s." % (
                load, name, cut, w, feat)
        if wp == "yes":
            d += " " + pick(["Waterproof construction keeps your feet dry through puddles, snow and stream crossings.",
                             "It is fully waterproof, so wet trails and spring snow are no problem."])
        else:
            d += " " + pick(["The ventilated upper keeps feet cool on hot, dry summer hikes.",
                             "A breathable upper makes it a comfortable choice for warm, dry conditions."])
        if t != 2:
            d += " The %s version weighs about %d g per boot and comes in US sizes %s." % (gw.lower(), w, sizes)
        title = "%s %s Hiking Boot" % (name, gw)
        attrs = {"color": color, "gender": gender, "size_range": sizes, "waterproof": wp,
                 "weight_g": str(w), "cut": cut, "use": use}
        add("SHOE-HIK", "Shoes", "Hiking Boots", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Shoes / Casual Sneakers
# ---------------------------------------------------------------------------
# brand, model, price, men's weight, upper material, waterproof, genders, colours, feature
CASUAL = [
    ("Nike", "Air Force 1 '07", 115.00, 460, "leather", "no", ("men", "women"),
     ["white", "black"], "a crisp leather upper and an encapsulated Air unit in the midsole"),
    ("Nike", "Court Vision Low Next Nature", 75.00, 380, "synthetic leather", "no", ("men", "women"),
     ["white", "black"], "a basketball-inspired synthetic leather upper made with recycled content"),
    ("Adidas", "Stan Smith", 100.00, 400, "leather", "no", ("men", "women"),
     ["white", "green"], "a clean leather upper with the signature perforated 3-Stripes"),
    ("Adidas", "Samba OG", 100.00, 350, "leather", "no", ("men", "women"),
     ["black", "white"], "a soft leather upper, a suede T-toe and a gum rubber sole"),
    ("Adidas", "Grand Court 2.0", 70.00, 360, "synthetic leather", "no", ("men", "women"),
     ["white", "black"], "a tennis-inspired synthetic leather upper and a Cloudfoam sockliner"),
    ("New Balance", "574 Core", 89.99, 360, "suede", "no", ("men", "women"),
     ["grey", "navy"], "a suede and mesh upper and ENCAP midsole cushioning"),
    ("New Balance", "550", 109.99, 420, "leather", "no", ("men", "women"),
     ["white", "green"], "a leather upper on a retro basketball silhouette"),
    ("Vans", "Old Skool", 70.00, 390, "suede and canvas", "no", ("unisex",),
     ["black", "navy", "red"], "a suede and canvas upper, padded collar and waffle rubber outsole"),
    ("Converse", "Chuck Taylor All Star High Top", 65.00, 340, "canvas", "no", ("unisex",),
     ["black", "white", "red"], "a classic canvas upper and a vulcanized rubber sole"),
    ("Puma", "Suede Classic XXI", 75.00, 380, "suede", "no", ("men", "women"),
     ["black", "red"], "a soft suede upper and the iconic Formstrip"),
    ("Reebok", "Club C 85", 85.00, 380, "leather", "no", ("men", "women"),
     ["white", "beige"], "a soft garment leather upper and a low-cut court profile"),
    ("Asics", "Gel-1130", 110.00, 330, "mesh", "no", ("men", "women"),
     ["white", "silver"], "a 2000s-inspired mesh upper and rearfoot GEL cushioning"),
    ("Veja", "Campo", 160.00, 430, "leather", "no", ("men", "women"),
     ["white", "black"], "a chrome-free leather upper and a rubber sole made with wild rubber"),
    ("Saucony", "Jazz Original", 70.00, 300, "suede and nylon", "no", ("men", "women"),
     ["navy", "grey"], "a suede and nylon upper and a triangle-lug rubber outsole"),
    ("Vessi", "Everyday Move Sneaker", 135.00, 300, "knit", "yes", ("men", "women"),
     ["black", "grey"], "a stretchy Dyma-tex knit upper and a cushioned midsole"),
    ("Allbirds", "Tree Runner", 98.00, 250, "knit", "no", ("men", "women"),
     ["grey", "navy"], "a breathable eucalyptus-fiber knit upper and a sugarcane-based midsole"),
]
for brand, model, price, wm, upper, wp, genders, colors, feat in CASUAL:
    variants = [(g, pick(colors)) for g in genders] if genders != ("unisex",) else \
        [("unisex", c) for c in colors]
    for gender, color in variants:
        w = wm if gender != "women" else wm - rng.choice([40, 50])
        sizes = SHOE_SIZES[gender]
        gw = GENDER_WORD[gender]
        name = "%s %s" % (brand, model)
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is an everyday sneaker with %s. It pairs easily with jeans, chinos or shorts." % (name, feat)
        elif t == 1:
            d = "A wardrobe staple, the %s features %s. The %s colorway works with almost anything." % (name, feat, color)
        else:
            d = "Casual, comfortable and easy to style, the %s is made with %s. Each shoe weighs about %d g." % (name, feat, w)
        if wp == "yes":
            d += " Despite its sneaker look it is fully waterproof, so rainy commutes are covered."
        if gender == "unisex":
            d += " This %s pair is sized unisex in US sizes %s (men's sizing; women typically go down 1.5 sizes)." % (color, sizes)
        else:
            d += " Available in %s US sizes %s." % (gw.lower(), sizes)
        title = "%s %s Sneaker" % (name, gw)
        if gender == "unisex":
            title = "%s Unisex Sneaker - %s" % (name, cap(color))
        attrs = {"color": color, "gender": gender, "size_range": sizes, "waterproof": wp,
                 "weight_g": str(w), "upper_material": upper}
        add("SHOE-CAS", "Shoes", "Casual Sneakers", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Clothing / Rain Jackets
# ---------------------------------------------------------------------------
# brand, model, price, men's weight, insulation, genders, colours, feature
RAIN = [
    ("Patagonia", "Torrentshell 3L Rain Jacket", 179.00, 394, "none", ("men", "women"),
     ["black", "navy", "green"], "a 3-layer H2No Performance Standard shell and pit-zip vents"),
    ("The North Face", "Antora Rain Jacket", 110.00, 380, "none", ("men", "women"),
     ["black", "blue", "red"], "a DryVent 2L shell and an adjustable hood"),
    ("Columbia", "Watertight II Rain Jacket", 89.99, 330, "none", ("men", "women"),
     ["black", "navy", "red"], "Omni-Tech waterproof-breathable fabric and a packable design that stows into its own pocket"),
    ("Marmot", "PreCip Eco Rain Jacket", 100.00, 310, "none", ("men", "women"),
     ["black", "blue", "green"], "a NanoPro membrane made from recycled nylon and PitZips for venting"),
    ("Arc'teryx", "Beta Jacket", 400.00, 395, "none", ("men", "women"),
     ["black", "grey", "blue"], "3-layer GORE-TEX ePE fabric and a helmet-compatible StormHood"),
    ("Outdoor Research", "Foray 3L Rain Jacket", 229.00, 400, "none", ("men", "women"),
     ["black", "olive", "navy"], "full-length TorsoFlo side zips for serious ventilation"),
    ("Helly Hansen", "Loke Rain Jacket", 130.00, 350, "none", ("men", "women"),
     ["black", "yellow", "navy"], "a 2.5-layer Helly Tech Performance shell"),
    ("Mountain Hardwear", "Threshold Rain Jacket", 150.00, 340, "none", ("men", "women"),
     ["black", "grey", "green"], "a 2.5-layer shell with a soft, quiet face fabric"),
    ("Rab", "Downpour Eco Rain Jacket", 160.00, 340, "none", ("men", "women"),
     ["black", "blue", "orange"], "a Pertex Shield Revolve shell made from recycled fabric"),
    ("Patagonia", "Granite Crest Rain Jacket", 279.00, 340, "none", ("men", "women"),
     ["black", "navy"], "a stretchy 3-layer H2No shell that packs into its own pocket"),
    ("Adidas", "Terrex Multi RAIN.RDY Rain Jacket", 120.00, 360, "none", ("men", "women"),
     ["black", "grey"], "RAIN.RDY fabric and a stowable hood"),
    ("Columbia", "Oak Harbor II Insulated Rain Jacket", 140.00, 720, "synthetic", ("men", "women"),
     ["black", "navy", "olive"], "Omni-Tech shell fabric and Thermarator synthetic insulation"),
    ("Helly Hansen", "Dubliner Insulated Rain Jacket", 190.00, 760, "synthetic", ("men", "women"),
     ["navy", "black"], "a Helly Tech shell and lightweight synthetic fill"),
    ("The North Face", "Alta Vista Rain Jacket", 200.00, 370, "none", ("women",),
     ["pink", "black", "teal"], "a FUTURELIGHT shell with a relaxed, long cut"),
    ("Columbia", "Arcadia II Rain Jacket", 85.00, 300, "none", ("women",),
     ["navy", "red", "black"], "an Omni-Tech shell and a zippered hand-pocket stash"),
]
JKT_SIZES = {"men": "s-xxl", "women": "xs-xl"}
for brand, model, price, wm, ins, genders, colors, feat in RAIN:
    for gender in genders:
        color = pick(colors)
        w = wm if gender == "men" else wm - rng.choice([30, 40, 50])
        gw = GENDER_WORD[gender]
        t = rng.randrange(3)
        if t == 0:
            d = "The %s %s %s is a fully waterproof, breathable shell with %s. Taped seams and an adjustable hood keep storms out." % (
                brand, gw, model, feat)
        elif t == 1:
            d = "Stay dry on the trail or the commute with the %s %s. It uses %s, and it is fully waterproof with taped seams." % (
                brand, model, feat)
        else:
            d = "Built for wet days, the %s %s features %s, all in a waterproof, seam-sealed construction." % (brand, model, feat)
        if ins == "synthetic":
            d += " Synthetic insulation adds warmth that keeps working when damp, so it doubles as a cold-weather coat."
        else:
            d += " " + pick(["With no insulation, it layers easily over a fleece or down jacket.",
                             "It is uninsulated, so you can layer it over a fleece when temperatures drop."])
        d += " Available in %s sizes %s; it weighs about %d g." % (gw.lower(), JKT_SIZES[gender].upper(), w)
        title = "%s %s %s" % (brand, gw, model)
        attrs = {"color": color, "gender": gender, "waterproof": "yes", "insulation": ins,
                 "sizes": JKT_SIZES[gender], "weight_g": str(w), "hood": "yes"}
        add("CLO-RJK", "Clothing", "Rain Jackets", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Clothing / Down Jackets
# ---------------------------------------------------------------------------
# brand, model, price, waterproof, fill power, down type, men's weight, hood, colours, feature
DOWN = [
    ("Patagonia", "Down Sweater", 279.00, "no", "800", "goose down", 370, "no",
     ["black", "navy", "green"], "a windproof recycled ripstop shell"),
    ("Patagonia", "Down Sweater Hoody", 329.00, "no", "800", "goose down", 420, "yes",
     ["black", "blue", "red"], "a windproof recycled shell and an insulated hood"),
    ("The North Face", "1996 Retro Nuptse Jacket", 320.00, "no", "700", "goose down", 780, "yes",
     ["black", "yellow", "navy"], "boxy baffles and a hood that stows in the collar"),
    ("Columbia", "Delta Ridge II Down Jacket", 150.00, "no", "650", "duck down", 500, "no",
     ["black", "navy", "olive"], "an Omni-Heat Infinity thermal-reflective lining"),
    ("Arc'teryx", "Cerium Hoody", 450.00, "no", "850", "goose down", 300, "yes",
     ["black", "blue", "grey"], "synthetic fill in moisture-prone zones and an Arato 10 shell"),
    ("Rab", "Microlight Alpine Jacket", 275.00, "no", "700", "duck down", 450, "yes",
     ["black", "orange", "navy"], "a Pertex Quantum shell and a helmet-compatible hood"),
    ("Mountain Hardwear", "Ghost Whisperer/2 Hoody", 350.00, "no", "800", "goose down", 250, "yes",
     ["black", "blue", "red"], "an ultralight 7D ripstop shell that packs into its own pocket"),
    ("Uniqlo", "Ultra Light Down Jacket", 79.90, "no", "640", "duck down", 230, "no",
     ["black", "navy", "beige", "olive"], "a slim, packable cut that layers under a coat"),
    ("Outdoor Research", "Helium Down Hoodie", 279.00, "no", "800", "duck down", 380, "yes",
     ["black", "green"], "a Pertex Diamond Fuse shell"),
    ("Marmot", "Guides Down Hoody", 250.00, "no", "700", "duck down", 560, "yes",
     ["black", "navy", "grey"], "a DWR-treated shell and a cozy zippered chest pocket"),
    ("Eddie Bauer", "CirrusLite Down Jacket", 99.99, "no", "650", "duck down", 340, "no",
     ["black", "navy", "red"], "a lightweight, packable shell"),
    ("The North Face", "McMurdo Parka", 400.00, "yes", "600", "duck down", 1500, "yes",
     ["black", "olive", "navy"], "a DryVent shell and a faux-fur-trimmed hood"),
    ("Patagonia", "Jackson Glacier Parka", 449.00, "yes", "700", "goose down", 1100, "yes",
     ["black", "beige"], "an H2No shell and a longer, thigh-length cut"),
    ("Columbia", "Marquam Peak Fusion Parka", 300.00, "yes", "700", "duck down", 1250, "yes",
     ["black", "grey"], "an Omni-Tech shell and an Omni-Heat Infinity lining"),
    ("Canada Goose", "Crofton Jacket", 895.00, "no", "750", "duck down", 460, "no",
     ["black", "navy"], "a Feather-Light Ripstop shell and a packable design"),
]
for brand, model, price, wp, fp, ins, wm, hood, colors, feat in DOWN:
    for gender in ("men", "women"):
        color = pick(colors)
        w = wm if gender == "men" else int(round(wm * 0.88 / 10.0) * 10)
        gw = GENDER_WORD[gender]
        warmth = "exceptional warmth for its weight" if int(fp) >= 800 else "reliable warmth"
        t = rng.randrange(3)
        if t == 0:
            d = "The %s %s %s is insulated with %s-fill-power %s for %s. It features %s." % (
                brand, gw, model, fp, ins, warmth, feat)
        elif t == 1:
            d = "Packed with %s-fill %s, the %s %s delivers %s and comes with %s." % (
                fp, ins, brand, model, warmth, feat)
        else:
            d = "For cold mornings and winter city days, the %s %s uses %s-fill-power %s. It comes with %s." % (
                brand, model, fp, ins, feat)
        if wp == "yes":
            d += " Its waterproof, seam-sealed shell and insulated hood make it ready for snow and freezing rain."
        else:
            d += " " + ("It has an insulated hood." if hood == "yes" else "It has a stand-up collar rather than a hood.")
        d += " Offered in %s sizes %s; it weighs about %d g." % (gw.lower(), JKT_SIZES[gender].upper(), w)
        title = "%s %s %s" % (brand, gw, model)
        attrs = {"color": color, "gender": gender, "waterproof": wp, "insulation": ins,
                 "fill_power": fp, "sizes": JKT_SIZES[gender], "weight_g": str(w), "hood": hood}
        add("CLO-DJK", "Clothing", "Down Jackets", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Outdoor / Tents
# ---------------------------------------------------------------------------
# brand, [(name, capacity, price, weight_kg)], season, freestanding, use, colours, feature
TENTS = [
    ("Big Agnes", [("Copper Spur HV UL1", 1, 449.95, 1.0), ("Copper Spur HV UL2", 2, 549.95, 1.3),
                   ("Copper Spur HV UL3", 3, 649.95, 1.6)],
     "3-season", "semi", "backpacking", ["olive", "orange"], "two doors with awning-style vestibules"),
    ("Big Agnes", [("Tiger Wall UL2", 2, 449.95, 1.0), ("Tiger Wall UL3", 3, 549.95, 1.3)],
     "3-season", "semi", "backpacking", ["grey", "olive"], "an ultralight ripstop body and a single pole hub"),
    ("MSR", [("Hubba NX", 1, 449.95, 1.3), ("Hubba Hubba", 2, 549.95, 1.7), ("Mutha Hubba", 3, 649.95, 2.2)],
     "3-season", "yes", "backpacking", ["green", "grey"], "a symmetrical Easton Syclone pole frame and two large doors"),
    ("MSR", [("Elixir", 2, 299.95, 2.3), ("Elixir", 3, 349.95, 2.8), ("Elixir", 4, 399.95, 3.2)],
     "3-season", "yes", "backpacking", ["green", "grey"], "a footprint included in the box and color-coded clips"),
    ("MSR", [("Access", 2, 749.95, 1.9)],
     "4-season", "yes", "mountaineering", ["red"], "Easton Syclone poles that flex under snow load"),
    ("Nemo", [("Dagger OSMO", 2, 499.95, 1.6), ("Dagger OSMO", 3, 549.95, 1.9)],
     "3-season", "yes", "backpacking", ["grey", "green"], "OSMO poly-nylon ripstop that does not sag when wet"),
    ("Nemo", [("Aurora", 2, 299.95, 2.3), ("Aurora", 3, 349.95, 2.8)],
     "3-season", "yes", "backpacking", ["green", "orange"], "a pre-bent pole design and a footprint included"),
    ("Nemo", [("Kunai", 2, 599.95, 2.4)],
     "4-season", "yes", "mountaineering", ["orange"], "a convertible fly that handles high winds and snow"),
    ("Marmot", [("Tungsten", 2, 249.00, 2.3), ("Tungsten", 3, 299.00, 2.8), ("Tungsten", 4, 349.00, 3.9)],
     "3-season", "yes", "camping", ["orange", "green"], "pole clips, a full-coverage fly and two vestibules"),
    ("Kelty", [("Wireless", 2, 169.95, 2.4), ("Wireless", 4, 229.95, 3.6), ("Wireless", 6, 299.95, 5.3)],
     "3-season", "yes", "camping", ["green", "grey"], "a quick clip-style setup and a Stargazer mesh fly window"),
    ("Coleman", [("Sundome", 2, 59.99, 3.2), ("Sundome", 4, 89.99, 4.5), ("Sundome", 6, 129.99, 7.2)],
     "3-season", "yes", "camping", ["green", "blue"], "a WeatherTec floor with welded corners and inverted seams"),
    ("Coleman", [("Skydome", 4, 119.99, 4.8), ("Skydome", 6, 159.99, 6.6), ("Skydome", 8, 219.99, 9.1)],
     "3-season", "yes", "camping", ["blue", "grey"], "pre-attached poles that set up in about 5 minutes"),
    ("The North Face", [("Wawona", 4, 399.00, 8.1), ("Wawona", 6, 499.00, 9.5)],
     "3-season", "yes", "camping", ["olive", "beige"], "a huge front vestibule that works as a shaded porch"),
    ("The North Face", [("Mountain 25", 2, 849.00, 4.3)],
     "4-season", "yes", "mountaineering", ["yellow"], "a geodesic pole structure built for expedition winds"),
    ("Marmot", [("Limestone", 4, 449.00, 7.3), ("Limestone", 6, 549.00, 8.9)],
     "3-season", "yes", "camping", ["grey", "orange"], "near-vertical walls and two large doors"),
]
USE_TXT = {"backpacking": "Backpacking", "camping": "Camping", "mountaineering": "Mountaineering"}
for brand, sizes, season, free, use, colors, feat in TENTS:
    for name, capacity, price, wkg in sizes:
        color = pick(colors)
        tname = "%s %s" % (brand, name)
        title = "%s %d-Person %s Tent" % (tname, capacity, USE_TXT[use])
        ppl = "one person" if capacity == 1 else "%d people" % capacity
        fs = {"yes": "freestanding", "semi": "semi-freestanding", "no": "non-freestanding"}[free]
        t = rng.randrange(3)
        if use == "camping":
            setting = "family campouts and car camping"
        elif use == "backpacking":
            setting = "backpacking trips where every gram counts"
        else:
            setting = "winter camping and exposed alpine sites"
        if t == 0:
            d = "The %s sleeps %s and is made for %s. This %s %s tent features %s." % (
                tname, ppl, setting, fs, season, feat)
        elif t == 1:
            d = "Designed for %s, the %s is a %s %s tent with room for %s. It comes with %s." % (
                setting, tname, season, fs, ppl, feat)
        else:
            d = "With %s, the %s-person %s is a dependable %s shelter for %s." % (
                feat, capacity, tname, season, setting)
        d += " Packed weight is about %s kg." % num(wkg)
        if season == "4-season":
            d += " A full-coverage fly and strong pole structure stand up to snow and high winds."
        attrs = {"color": color, "capacity": str(capacity), "season": season, "weight_kg": num(wkg),
                 "freestanding": free, "use": use}
        add("OUT-TNT", "Outdoor", "Tents", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Outdoor / Sleeping Bags
# ---------------------------------------------------------------------------
# brand, model, price, temp F, fill, fill power (or ""), shape, weight g, lengths, colours
SLEEPING = [
    ("Marmot", "Trestles Elite Eco", 149.00, 20, "synthetic", "", "mummy", 1450, ("regular", "long"), ["blue", "red"]),
    ("Kelty", "Cosmic Down", 179.95, 20, "down", "550", "mummy", 1190, ("regular", "long"), ["red", "grey"]),
    ("Kelty", "Galactic 30 Down Quilt", 159.95, 30, "down", "550", "quilt", 850, ("regular", "long"), ["navy", "grey"]),
    ("Nemo", "Disco", 299.95, 15, "down", "650", "spoon", 1240, ("regular", "long"), ["blue", "orange"]),
    ("Nemo", "Forte", 199.95, 20, "synthetic", "", "spoon", 1470, ("regular", "long"), ["grey", "green"]),
    ("Big Agnes", "Anvil Horn", 279.95, 15, "down", "650", "mummy", 1280, ("regular", "long"), ["orange", "grey"]),
    ("Coleman", "Brazos Cold Weather", 39.99, 30, "synthetic", "", "rectangular", 1800, ("regular",), ["blue", "green"]),
    ("Coleman", "North Rim Mummy", 69.99, 0, "synthetic", "", "mummy", 2270, ("regular",), ["olive", "navy"]),
    ("The North Face", "Cat's Meow Eco", 169.00, 20, "synthetic", "", "mummy", 1330, ("regular", "long"), ["blue", "grey"]),
    ("Sea to Summit", "Spark", 379.00, 28, "down", "850", "mummy", 460, ("regular", "long"), ["grey", "green"]),
    ("Therm-a-Rest", "Questar", 279.95, 20, "down", "650", "mummy", 1080, ("regular", "long"), ["blue", "green"]),
    ("Mountain Hardwear", "Bishop Pass", 340.00, 15, "down", "650", "mummy", 1160, ("regular", "long"), ["orange", "blue"]),
    ("Teton Sports", "Celsius XXL", 99.99, 0, "synthetic", "", "rectangular", 3500, ("regular",), ["green", "grey"]),
    ("Western Mountaineering", "UltraLite", 615.00, 20, "down", "850", "mummy", 830, ("regular", "long"), ["blue", "red"]),
    ("Marmot", "Never Summer", 329.00, 0, "down", "650", "mummy", 1680, ("regular", "long"), ["red", "grey"]),
]
for brand, model, price, temp, fill, fp, shape, wg, lengths, colors in SLEEPING:
    for length in lengths:
        color = pick(colors)
        p = price if length == "regular" else price + 20.00
        w = wg if length == "regular" else int(round(wg * 1.08 / 10.0) * 10)
        fill_txt = ("%s-fill-power down" % fp) if fill == "down" else "synthetic insulation"
        name = "%s %s" % (brand, model)
        kind = "Quilt" if shape == "quilt" else "Sleeping Bag"
        if shape == "quilt":
            title = "%s %d°F Sleeping Quilt - %s" % (name.replace(" 30 Down Quilt", ""), temp, cap(length))
        else:
            title = "%s %d°F %s - %s" % (name, temp, kind, cap(length))
        fit = "6 ft" if length == "regular" else "6 ft 6 in"
        shape_txt = {"mummy": "a warm, efficient mummy shape",
                     "rectangular": "a roomy rectangular shape that unzips into a blanket",
                     "spoon": "a spoon shape with extra room at the elbows and knees for side sleepers",
                     "quilt": "an open-back quilt design that saves weight"}[shape]
        season = ("winter" if temp <= 10 else "three-season")
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is rated to %d°F and filled with %s. It has %s." % (name, temp, fill_txt, shape_txt)
        elif t == 1:
            d = "Filled with %s, the %s is a %s bag rated to %d°F with %s." % (fill_txt, name, season, temp, shape_txt)
        else:
            d = "Sleep warm down to %d°F in the %s. It uses %s and has %s." % (temp, name, fill_txt, shape_txt)
        if fill == "synthetic":
            d += " Synthetic fill stays warm even when damp and is easy to care for."
        d += " The %s size fits people up to %s and weighs about %d g." % (length, fit, w)
        attrs = {"color": color, "temp_rating_f": str(temp), "fill": fill, "shape": shape,
                 "weight_g": str(w), "length": length}
        add("OUT-SLB", "Outdoor", "Sleeping Bags", title, brand, p, attrs, d)

# ---------------------------------------------------------------------------
# Bags / Backpacks
# ---------------------------------------------------------------------------
# brand, model, capacity L, price, use, laptop sleeve, weight g, rain cover, colours, feature
BACKPACKS = [
    ("Osprey", "Atmos AG 65", 65, 340.00, "backpacking", "no", 2040, "no",
     ["green", "black"], "an Anti-Gravity suspended mesh back panel"),
    ("Osprey", "Talon 22", 22, 160.00, "hiking", "no", 900, "no",
     ["black", "blue", "green"], "a hydration sleeve and a stow-on-the-go trekking pole attachment"),
    ("Osprey", "Daylite Plus 20", 20, 75.00, "daypack", "yes", 520, "no",
     ["black", "blue", "grey"], "a padded tablet sleeve and mesh side pockets"),
    ("Osprey", "Farpoint 40", 40, 185.00, "travel", "yes", 1560, "no",
     ["black", "grey", "green"], "a clamshell opening and a stowaway harness for carry-on travel"),
    ("Osprey", "Kestrel 38", 38, 200.00, "hiking", "no", 1500, "yes",
     ["black", "green"], "an adjustable torso and an integrated rain cover"),
    ("Gregory", "Baltoro 65", 65, 350.00, "backpacking", "no", 2400, "yes",
     ["black", "blue"], "a Response A3 suspension and a removable daypack"),
    ("Gregory", "Zulu 30", 30, 190.00, "hiking", "no", 1300, "yes",
     ["black", "olive", "red"], "a FreeFloat suspended back panel"),
    ("Deuter", "Futura 32", 32, 180.00, "hiking", "no", 1450, "yes",
     ["black", "green", "grey"], "an Aircomfort mesh back system"),
    ("Deuter", "Aircontact Lite 50+10", 60, 230.00, "backpacking", "no", 2050, "no",
     ["black", "navy"], "an expandable lid that adds 10 liters and an Aircontact back system"),
    ("The North Face", "Borealis", 28, 99.00, "daypack", "yes", 1150, "no",
     ["black", "navy", "grey"], "a FlexVent suspension and a padded laptop compartment"),
    ("The North Face", "Recon", 30, 109.00, "daypack", "yes", 1200, "no",
     ["black", "olive", "red"], "a FlexVent suspension and a fleece-lined valuables pocket"),
    ("Patagonia", "Black Hole Pack 32L", 32, 169.00, "travel", "yes", 860, "no",
     ["black", "navy", "olive"], "a weather-resistant recycled polyester shell"),
    ("Herschel", "Little America Backpack", 25, 109.99, "laptop", "yes", 950, "no",
     ["black", "navy", "grey"], "a magnetic strap closure and a fleece-lined laptop sleeve"),
    ("Fjallraven", "Kanken Classic", 16, 90.00, "daypack", "no", 300, "no",
     ["navy", "red", "green", "yellow"], "durable Vinylon F fabric and a seat pad"),
    ("JanSport", "SuperBreak Plus", 26, 49.99, "laptop", "yes", 450, "no",
     ["black", "navy", "red"], "a padded 15-inch laptop sleeve and a front utility pocket"),
    ("Peak Design", "Everyday Backpack 20L", 20, 279.95, "travel", "yes", 1900, "no",
     ["black", "grey"], "MagLatch top access and origami-style internal dividers"),
    ("Thule", "Subterra 2 Backpack 27L", 27, 149.95, "laptop", "yes", 1100, "no",
     ["black", "grey"], "a padded 16-inch laptop compartment and a luggage pass-through"),
]
USE_BP = {"backpacking": "multi-day backpacking", "hiking": "day hikes", "daypack": "everyday carry",
          "travel": "travel", "laptop": "commuting and school"}
for brand, model, cap_l, price, use, laptop, wg, rc, colors, feat in BACKPACKS:
    chosen = colors[:2] if len(colors) <= 3 else [colors[0], colors[1]]
    for color in chosen:
        name = "%s %s" % (brand, model)
        kind = {"backpacking": "Backpacking Pack", "hiking": "Hiking Daypack", "daypack": "Daypack",
                "travel": "Travel Backpack", "laptop": "Laptop Backpack"}[use]
        title = "%s %s - %s" % (name, kind, cap(color))
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is a %d-liter pack built for %s. It features %s." % (name, cap_l, USE_BP[use], feat)
        elif t == 1:
            d = "Made for %s, the %s offers %d liters of space. It comes with %s." % (USE_BP[use], name, cap_l, feat)
        else:
            d = "With %d liters of capacity plus %s, the %s is a great choice for %s." % (cap_l, feat, name, USE_BP[use])
        if laptop == "yes":
            d += " A padded sleeve keeps a laptop or tablet protected."
        if rc == "yes":
            d += " An integrated rain cover tucks into the base for sudden showers."
        d += " This %s version weighs about %s kg empty." % (color, num(wg / 1000.0))
        attrs = {"color": color, "capacity_l": str(cap_l), "use": use, "laptop_sleeve": laptop,
                 "weight_g": str(wg), "rain_cover": rc}
        add("BAG-BPK", "Bags", "Backpacks", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Electronics / Headphones
# ---------------------------------------------------------------------------
# brand, model, type, noise cancelling, battery hours (0 = wired), price, colours, feature
HEADPHONES = [
    ("Sony", "WH-1000XM5", "over-ear", "yes", 30, 399.99, ["black", "silver", "navy"],
     "eight microphones and two processors tuned for class-leading noise cancelling"),
    ("Sony", "WH-CH720N", "over-ear", "yes", 35, 149.99, ["black", "white", "blue"],
     "a lightweight 192 g design and Dual Noise Sensor technology"),
    ("Sony", "WF-1000XM5", "in-ear", "yes", 8, 299.99, ["black", "silver"],
     "dynamic driver X units and foam ear tips for a secure seal"),
    ("Sony", "WF-C700N", "in-ear", "yes", 7, 119.99, ["black", "white", "green"],
     "a compact, lightweight build and an IPX4 splash-resistant design"),
    ("Bose", "QuietComfort Ultra Headphones", "over-ear", "yes", 24, 429.00, ["black", "white"],
     "Immersive Audio spatial sound and CustomTune calibration"),
    ("Bose", "QuietComfort Headphones", "over-ear", "yes", 24, 349.00, ["black", "white", "blue"],
     "adjustable noise cancelling with Quiet and Aware modes"),
    ("Bose", "QuietComfort Ultra Earbuds", "in-ear", "yes", 6, 299.00, ["black", "white"],
     "CustomTune sound calibration and stability bands for a secure fit"),
    ("Apple", "AirPods Pro 2", "in-ear", "yes", 6, 249.00, ["white"],
     "the H2 chip, Adaptive Audio and a USB-C MagSafe charging case"),
    ("Apple", "AirPods 4", "in-ear", "no", 5, 129.00, ["white"],
     "an open-ear design, the H2 chip and personalized spatial audio"),
    ("Apple", "AirPods Max", "over-ear", "yes", 20, 549.00, ["black", "blue", "purple", "orange"],
     "aluminum ear cups, a knit-mesh canopy and computational audio"),
    ("Samsung", "Galaxy Buds3 Pro", "in-ear", "yes", 6, 249.99, ["silver", "white"],
     "two-way speakers and a blade-style stem design"),
    ("JBL", "Tune 770NC", "over-ear", "yes", 70, 129.95, ["black", "blue", "white"],
     "JBL Pure Bass sound and fast charging (5 minutes for 3 hours)"),
    ("JBL", "Tune 520BT", "on-ear", "no", 57, 49.95, ["black", "blue", "purple", "white"],
     "JBL Pure Bass sound and a lightweight folding design"),
    ("JBL", "Live Pro 2", "in-ear", "yes", 10, 149.95, ["black", "blue"],
     "True Adaptive Noise Cancelling and six microphones for calls"),
    ("Sennheiser", "Momentum 4 Wireless", "over-ear", "yes", 60, 379.95, ["black", "white"],
     "42 mm transducers and adaptive noise cancellation"),
    ("Beats", "Studio Pro", "over-ear", "yes", 40, 349.99, ["black", "navy", "beige"],
     "a custom acoustic platform and USB-C lossless audio"),
    ("Beats", "Fit Pro", "in-ear", "yes", 6, 199.99, ["black", "white", "purple"],
     "flexible wingtips that lock in place during workouts"),
    ("Jabra", "Elite 8 Active", "in-ear", "yes", 8, 199.99, ["black", "navy"],
     "a military-grade durable build and an IP68 rating"),
    ("Anker", "Soundcore Space Q45", "over-ear", "yes", 50, 149.99, ["black", "white"],
     "adaptive noise cancelling and LDAC hi-res wireless support"),
    ("Audio-Technica", "ATH-M50x", "over-ear", "no", 0, 149.00, ["black", "white"],
     "45 mm large-aperture drivers and detachable cables"),
    ("Sony", "MDR-7506", "over-ear", "no", 0, 99.99, ["black"],
     "40 mm neodymium drivers and a coiled cable used in studios worldwide"),
]
for brand, model, htype, nc, batt, price, colors, feat in HEADPHONES:
    chosen = colors if len(colors) <= 2 else colors[:2]
    wireless = "no" if batt == 0 else "yes"
    for color in chosen:
        name = "%s %s" % (brand, model)
        if wireless == "no":
            kind = "Wired Studio Headphones"
        elif htype == "in-ear":
            kind = "Noise Cancelling Wireless Earbuds" if nc == "yes" else "Wireless Earbuds"
        else:
            kind = ("Noise Cancelling Wireless Headphones" if nc == "yes" else "Wireless %s Headphones" % cap(htype))
        title = "%s %s" % (name, kind)
        if len(colors) > 1:
            title += " - %s" % cap(color)
        t = rng.randrange(3)
        form = {"over-ear": "over-ear headphones", "on-ear": "on-ear headphones", "in-ear": "earbuds"}[htype]
        if wireless == "no":
            d = "The %s are wired %s with %s. They are a favorite for studio monitoring, mixing and critical listening." % (
                name, form, feat)
            d += " No batteries or pairing needed: just plug them in. This listing is for the %s finish." % color
        else:
            if t == 0:
                d = "The %s are wireless %s featuring %s." % (name, form, feat)
            elif t == 1:
                d = "Enjoy your music anywhere with the %s, wireless %s with %s." % (name, form, feat)
            else:
                d = "Built for commutes and long days, the %s %s offer %s." % (name, form, feat)
            if nc == "yes":
                d += " " + pick(["Active noise cancelling blocks out engine rumble and office chatter.",
                                 "Active noise cancelling quiets planes, trains and busy offices."])
            else:
                d += " They do not have active noise cancelling, which keeps you aware of your surroundings."
            if htype == "in-ear":
                d += " Expect up to %d hours of playback per charge from this %s pair, with more from the charging case." % (batt, color)
            else:
                d += " This %s pair lasts up to %d hours per charge." % (color, batt)
        attrs = {"color": color, "type": htype, "noise_cancelling": nc, "battery_hours": str(batt),
                 "wireless": wireless}
        add("ELEC-HPH", "Electronics", "Headphones", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Electronics / Smartwatches
# ---------------------------------------------------------------------------
# brand, model, [(case mm, price, battery days)], gps, water resistance, compatibility, colours, feature
WATCHES = [
    ("Apple", "Watch Series 10 (GPS)", [(42, 399.00, 1), (46, 429.00, 1)], "yes", "5 atm", "ios",
     ["black", "silver", "pink"], "a wide-angle OLED display, ECG and sleep apnea notifications"),
    ("Apple", "Watch SE (2nd Gen, GPS)", [(40, 249.00, 1), (44, 279.00, 1)], "yes", "5 atm", "ios",
     ["black", "silver", "beige"], "crash detection, heart-rate notifications and activity rings"),
    ("Apple", "Watch Ultra 2", [(49, 799.00, 2)], "yes", "10 atm", "ios",
     ["black", "silver"], "a rugged titanium case, dual-frequency GPS and a 3000-nit display"),
    ("Samsung", "Galaxy Watch7", [(40, 299.99, 2), (44, 329.99, 2)], "yes", "5 atm", "android",
     ["green", "silver", "beige"], "BioActive sensor health tracking and Wear OS apps"),
    ("Samsung", "Galaxy Watch Ultra", [(47, 649.99, 3)], "yes", "10 atm", "android",
     ["grey", "white"], "a titanium cushion case, dual-frequency GPS and a quick button"),
    ("Garmin", "Forerunner 165", [(43, 249.99, 11)], "yes", "5 atm", "ios, android",
     ["black", "white", "blue"], "an AMOLED display and adaptive daily suggested workouts"),
    ("Garmin", "Forerunner 265", [(42, 449.99, 15), (46, 449.99, 13)], "yes", "5 atm", "ios, android",
     ["black", "white", "pink"], "training readiness, HRV status and multi-band GPS"),
    ("Garmin", "Forerunner 965", [(47, 599.99, 23)], "yes", "5 atm", "ios, android",
     ["black", "white"], "full-color topo maps and a titanium bezel"),
    ("Garmin", "fenix 8 AMOLED", [(47, 999.99, 16), (51, 1099.99, 29)], "yes", "10 atm", "ios, android",
     ["black", "silver"], "a built-in LED flashlight, dive-rated build and voice commands"),
    ("Garmin", "Venu 3", [(41, 449.99, 10), (45, 449.99, 14)], "yes", "5 atm", "ios, android",
     ["black", "white", "beige"], "sleep coaching, a bright AMOLED display and wheelchair mode"),
    ("Garmin", "Instinct 2 Solar", [(45, 399.99, 28)], "yes", "10 atm", "ios, android",
     ["black", "olive", "grey"], "solar charging and a rugged, military-standard build"),
    ("Garmin", "vivoactive 5", [(42, 299.99, 11)], "yes", "5 atm", "ios, android",
     ["black", "white", "blue"], "an AMOLED display and 30+ built-in sports apps"),
    ("Google", "Pixel Watch 3", [(41, 349.99, 1), (45, 399.99, 1)], "yes", "5 atm", "android",
     ["black", "silver", "pink"], "Fitbit health tracking and a domed Actua display"),
    ("Fitbit", "Versa 4", [(40, 199.95, 6)], "yes", "5 atm", "ios, android",
     ["black", "pink", "blue"], "built-in GPS, 40+ exercise modes and Active Zone Minutes"),
    ("Fitbit", "Sense 2", [(40, 249.95, 6)], "yes", "5 atm", "ios, android",
     ["black", "grey", "blue"], "an all-day stress sensor and an ECG app"),
    ("Amazfit", "GTR 4", [(46, 199.99, 14)], "yes", "5 atm", "ios, android",
     ["black", "grey", "brown"], "dual-band GPS and 150+ sports modes"),
    ("Coros", "Pace 3", [(42, 229.00, 24)], "yes", "5 atm", "ios, android",
     ["black", "white", "navy"], "a 30 g featherweight design and dual-frequency GPS"),
    ("Suunto", "Race S", [(45, 349.00, 13)], "yes", "5 atm", "ios, android",
     ["black", "grey", "green"], "a stainless steel bezel, offline maps and dual-band GPS"),
]
for brand, model, sizes, gps, wr, compat, colors, feat in WATCHES:
    variants = []
    if len(sizes) == 1:
        variants = [(sizes[0], c) for c in colors[:2]]
    else:
        variants = [(sizes[0], colors[0]), (sizes[1], colors[1])]
    for (mm, price, days), color in variants:
        name = "%s %s" % (brand, model)
        kind = "GPS Smartwatch" if brand in ("Garmin", "Coros", "Suunto", "Amazfit") else "Smartwatch"
        title = "%s %s, %dmm - %s" % (name, kind, mm, cap(color))
        if brand == "Apple":
            title = "%s, %dmm - %s" % (name, mm, cap(color))
        batt_txt = ("about %d day" % days) if days == 1 else ("up to %d days" % days)
        comp_txt = {"ios": "an iPhone", "android": "an Android phone", "ios, android": "iPhone or Android"}[compat]
        t = rng.randrange(3)
        if t == 0:
            d = "The %s in a %d mm %s case offers %s. Battery life is %s in smartwatch mode." % (
                name, mm, color, feat, batt_txt)
        elif t == 1:
            d = "Track workouts, sleep and notifications with the %s. It brings %s, with %s of battery life." % (
                name, feat, batt_txt)
        else:
            d = "With %s, the %s (%d mm) is built for active everyday life. Expect %s per charge." % (
                feat, name, mm, batt_txt)
        d += " This %s model is water resistant to %s and pairs with %s." % (color, wr.upper(), comp_txt)
        attrs = {"color": color, "case_mm": str(mm), "battery_days": str(days), "gps": gps,
                 "water_resistance": wr, "compatibility": compat}
        add("ELEC-SWT", "Electronics", "Smartwatches", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Electronics / Bluetooth Speakers
# ---------------------------------------------------------------------------
# brand, model, price, battery hours, ip rating, weight g, output W, colours, feature
SPEAKERS = [
    ("JBL", "Flip 6", 129.95, 12, "ip67", 550, 30, ["black", "blue", "red"], "a racetrack-shaped woofer and a separate tweeter"),
    ("JBL", "Charge 5", 179.95, 20, "ip67", 960, 40, ["black", "blue", "teal"], "a built-in power bank to charge your phone"),
    ("JBL", "Clip 5", 79.95, 12, "ip67", 285, 7, ["black", "pink", "blue"], "an integrated carabiner that clips to any bag"),
    ("JBL", "Go 4", 49.95, 7, "ip67", 190, 4, ["black", "blue", "pink"], "a pocket-sized design and Auracast multi-speaker pairing"),
    ("JBL", "Boombox 3", 499.95, 24, "ip67", 6700, 180, ["black", "green"], "a three-way speaker system with deep, room-filling bass"),
    ("Bose", "SoundLink Flex (2nd Gen)", 149.00, 12, "ip67", 600, 20, ["black", "blue", "beige"], "PositionIQ technology that optimizes sound for how it is placed"),
    ("Bose", "SoundLink Max", 399.00, 20, "ip67", 2100, 60, ["black", "blue"], "a removable rope handle and stereo sound"),
    ("Bose", "SoundLink Micro", 119.00, 6, "ip67", 290, 5, ["black", "blue", "red"], "a tear-resistant strap for bikes and backpacks"),
    ("Sony", "ULT Field 1", 129.99, 12, "ip67", 650, 20, ["black", "white", "blue"], "the ULT button for deep bass and a built-in strap"),
    ("Sony", "SRS-XB100", 59.99, 16, "ip67", 274, 5, ["black", "blue", "grey"], "a compact build with a multi-way strap"),
    ("Sony", "ULT Field 7", 499.99, 30, "ip67", 6300, 140, ["black"], "built-in party lights and a karaoke mic input"),
    ("Ultimate Ears", "Wonderboom 4", 99.99, 14, "ip67", 420, 10, ["black", "blue", "pink"], "a floating design and an Outdoor Boost mode"),
    ("Ultimate Ears", "Boom 4", 149.99, 15, "ip67", 640, 30, ["black", "blue", "red"], "360-degree sound and a floating, drop-proof design"),
    ("Ultimate Ears", "Megaboom 4", 199.99, 20, "ip67", 900, 40, ["black", "blue", "red"], "powerful 360-degree sound with deep bass"),
    ("Anker", "Soundcore Motion 300", 79.99, 13, "ipx7", 770, 30, ["black", "blue", "green"], "hi-res audio with LDAC and a custom EQ app"),
    ("Marshall", "Emberton II", 169.99, 30, "ip67", 700, 20, ["black", "beige"], "True Stereophonic 360-degree sound and a classic Marshall look"),
    ("Beats", "Pill", 149.99, 24, "ip67", 680, 20, ["black", "red", "beige"], "USB-C lossless audio and a lanyard for carrying"),
]
for brand, model, price, batt, ip, wg, outw, colors, feat in SPEAKERS:
    for color in colors[:2]:
        name = "%s %s" % (brand, model)
        size = "Portable" if wg < 1500 else "Party"
        title = "%s %s Waterproof Bluetooth Speaker" % (name, size)
        if len(colors) > 1:
            title += " - %s" % cap(color)
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is a %s Bluetooth speaker with %s. It plays for up to %d hours on a charge." % (
                name, "compact" if wg < 700 else "powerful", feat, batt)
        elif t == 1:
            d = "Take your music to the beach, trail or backyard with the %s. It offers %s and up to %d hours of playtime." % (
                name, feat, batt)
        else:
            d = "With up to %d hours of battery, the %s is an easy pick for parties and trips. It features %s." % (batt, name, feat)
        d += " Its %s rating means it is waterproof%s." % (
            ip.upper(), " and dustproof" if ip.startswith("ip6") else "")
        d += " In %s, it weighs about %s and is rated at %d W of output." % (color,
            ("%d g" % wg) if wg < 1000 else ("%s kg" % num(wg / 1000.0)), outw)
        attrs = {"color": color, "battery_hours": str(batt), "ip_rating": ip, "weight_g": str(wg),
                 "output_w": str(outw)}
        add("ELEC-SPK", "Electronics", "Bluetooth Speakers", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Electronics / Laptops
# ---------------------------------------------------------------------------
# brand, model, screen in, cpu, weight kg, os, colour, [(ram, storage, price)], feature
LAPTOPS = [
    ("Apple", "MacBook Air 13-inch M3", "13.6", "apple m3", 1.24, "macos", "silver",
     [(16, 256, 1099.00), (16, 512, 1299.00)], "a fanless design and up to 18 hours of battery life"),
    ("Apple", "MacBook Air 15-inch M3", "15.3", "apple m3", 1.51, "macos", "grey",
     [(16, 256, 1299.00), (16, 512, 1499.00)], "a six-speaker sound system and up to 18 hours of battery life"),
    ("Apple", "MacBook Pro 14-inch M4", "14.2", "apple m4", 1.55, "macos", "black",
     [(16, 512, 1599.00), (24, 1024, 1999.00)], "a Liquid Retina XDR display and up to 24 hours of battery life"),
    ("Apple", "MacBook Pro 16-inch M4 Pro", "16.2", "apple m4 pro", 2.14, "macos", "silver",
     [(24, 512, 2499.00), (48, 512, 2899.00)], "a Liquid Retina XDR display and pro-grade thermals"),
    ("Lenovo", "ThinkPad X1 Carbon Gen 12", "14", "intel core ultra 7 155u", 1.09, "windows 11 pro", "black",
     [(16, 512, 1649.99), (32, 1024, 2049.99)], "a carbon-fiber chassis and a legendary ThinkPad keyboard"),
    ("Lenovo", "IdeaPad Slim 5 14", "14", "amd ryzen 5 8645hs", 1.46, "windows 11 home", "grey",
     [(16, 512, 649.99)], "a 1920x1200 IPS display and rapid charging"),
    ("Lenovo", "Yoga 7i 2-in-1 16", "16", "intel core ultra 5 125h", 2.0, "windows 11 home", "grey",
     [(16, 512, 849.99), (16, 1024, 949.99)], "a 360-degree hinge and touchscreen pen support"),
    ("Lenovo", "Legion 5i Gen 9 Gaming", "16", "intel core i7-14650hx", 2.4, "windows 11 home", "grey",
     [(16, 1024, 1399.99), (32, 1024, 1599.99)], "an NVIDIA GeForce RTX 4060 GPU and a 165 Hz display"),
    ("Dell", "XPS 13", "13.4", "intel core ultra 7 155h", 1.19, "windows 11 home", "silver",
     [(16, 512, 1299.99), (32, 1024, 1699.99)], "a zero-lattice keyboard and an edge-to-edge display"),
    ("Dell", "Inspiron 15", "15.6", "intel core i5-1335u", 1.65, "windows 11 home", "black",
     [(8, 512, 499.99), (16, 512, 599.99)], "a full-size keyboard with a number pad"),
    ("Dell", "Latitude 7450", "14", "intel core ultra 5 135u", 1.36, "windows 11 pro", "grey",
     [(16, 512, 1549.00)], "business-grade security features and a quiet thermal design"),
    ("HP", "Pavilion 15", "15.6", "intel core i5-1335u", 1.75, "windows 11 home", "silver",
     [(8, 512, 579.99), (16, 512, 679.99)], "a full HD micro-edge display and fast charging"),
    ("HP", "Envy x360 14", "14", "amd ryzen 7 8840hs", 1.4, "windows 11 home", "grey",
     [(16, 1024, 999.99)], "a 2.8K OLED touchscreen and a 360-degree hinge"),
    ("HP", "Spectre x360 14", "14", "intel core ultra 7 155h", 1.44, "windows 11 home", "black",
     [(16, 1024, 1449.99), (32, 2048, 1799.99)], "a 2.8K OLED touchscreen and an included rechargeable pen"),
    ("Samsung", "Galaxy Book4 Pro 14", "14", "intel core ultra 7 155h", 1.23, "windows 11 home", "grey",
     [(16, 512, 1449.99)], "a Dynamic AMOLED 2X touchscreen and Galaxy device integration"),
    ("Asus", "Zenbook 14 OLED", "14", "intel core ultra 5 125h", 1.2, "windows 11 home", "blue",
     [(16, 512, 799.99), (16, 1024, 899.99)], "a 3K OLED display and a military-grade durable chassis"),
    ("Acer", "Swift Go 14", "14", "intel core ultra 7 155h", 1.32, "windows 11 home", "silver",
     [(16, 512, 749.99)], "a 2.8K OLED display and a QHD webcam"),
    ("Microsoft", "Surface Laptop 7th Edition 13.8-inch", "13.8", "snapdragon x plus", 1.34, "windows 11 home", "silver",
     [(16, 256, 999.99), (16, 512, 1199.99)], "a PixelSense touchscreen and all-day battery life"),
]


CPU_WORDS = {"apple": "Apple", "intel": "Intel", "core": "Core", "ultra": "Ultra", "amd": "AMD",
             "ryzen": "Ryzen", "snapdragon": "Snapdragon", "x": "X", "plus": "Plus", "pro": "Pro"}


def storage_txt(gb):
    return ("%dTB" % (gb // 1024)) if gb >= 1024 else ("%dGB" % gb)


for brand, model, screen, cpu, wkg, osname, color, configs, feat in LAPTOPS:
    for ram, sto, price in configs:
        name = "%s %s" % (brand, model)
        title = "%s (%dGB RAM, %s SSD) - %s" % (name, ram, storage_txt(sto), cap(color))
        cpu_txt = " ".join(CPU_WORDS.get(wd, wd.upper() if any(ch.isdigit() for ch in wd) else wd)
                           for wd in cpu.split()).replace(" I5-", " i5-").replace(" I7-", " i7-")
        art = "an" if cpu_txt[0] in "AEIOU" else "a"
        os_txt = {"macos": "macOS", "windows 11 home": "Windows 11 Home", "windows 11 pro": "Windows 11 Pro"}[osname]
        if price < 800:
            fit = "students and everyday home use"
        elif "gaming" in model.lower():
            fit = "gaming and creative work"
        elif osname == "windows 11 pro":
            fit = "business travel and remote work"
        else:
            fit = "work, study and creative projects"
        t = rng.randrange(3)
        if t == 0:
            d = "The %s pairs %s %s processor with %dGB of memory and a %s SSD. It features %s." % (
                name, art, cpu_txt, ram, storage_txt(sto), feat)
        elif t == 1:
            d = "Built for %s, the %s has a %s-inch display and %dGB of RAM with %s of storage. It comes with %s." % (
                fit, name, screen, ram, storage_txt(sto), feat)
        else:
            d = "With %s %s chip, %dGB of RAM and %s of SSD storage, the %s is ready for %s. It offers %s." % (
                art, cpu_txt, ram, storage_txt(sto), name, fit, feat)
        d += " It weighs %s kg and runs %s." % (num(wkg), os_txt)
        attrs = {"color": color, "screen_in": screen, "ram_gb": str(ram), "storage_gb": str(sto),
                 "cpu": cpu, "weight_kg": num(wkg), "os": osname}
        add("ELEC-LAP", "Electronics", "Laptops", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Home & Kitchen / Coffee Makers
# ---------------------------------------------------------------------------
# brand, model, type, reservoir l, grinder, programmable, wattage, price, colours, feature
COFFEE = [
    ("Breville", "Barista Express", "espresso", 2.0, "yes", "no", 1600, 699.95, ["silver", "black"],
     "a conical burr grinder and a manual steam wand for microfoam"),
    ("Breville", "Bambino Plus", "espresso", 1.9, "no", "no", 1560, 499.95, ["silver", "black"],
     "a 3-second heat-up and automatic milk texturing"),
    ("Breville", "Barista Touch", "espresso", 2.0, "yes", "yes", 1680, 999.95, ["silver", "black"],
     "a touchscreen for saved drink profiles and an integrated grinder"),
    ("Breville", "Precision Brewer Thermal", "drip", 1.8, "no", "yes", 1650, 349.95, ["silver"],
     "a thermal carafe and adjustable bloom, temperature and flow settings"),
    ("De'Longhi", "Dedica Arte", "espresso", 1.1, "no", "no", 1300, 299.95, ["silver", "black", "red"],
     "a slim 6-inch-wide body and a professional steam wand"),
    ("De'Longhi", "Magnifica Evo", "super-automatic", 1.8, "yes", "yes", 1450, 899.95, ["black", "silver"],
     "one-touch recipes and a built-in conical burr grinder"),
    ("De'Longhi", "Stilosa", "espresso", 1.0, "no", "no", 1100, 119.95, ["black"],
     "a 15-bar pump and a manual milk frother"),
    ("Ninja", "Specialty Coffee Maker", "drip", 1.5, "no", "yes", 1500, 179.99, ["black"],
     "a fold-away frother and six brew sizes from a cup to a full carafe"),
    ("Ninja", "12-Cup Programmable Coffee Brewer", "drip", 1.8, "no", "yes", 1100, 89.99, ["black"],
     "a Classic and Rich brew setting and a 24-hour delay brew"),
    ("Ninja", "Luxe Cafe Premier", "espresso", 2.0, "yes", "yes", 1500, 599.99, ["silver", "black"],
     "barista assist technology that guides grind size and dose"),
    ("Cuisinart", "DCC-3200 14-Cup Programmable", "drip", 2.1, "no", "yes", 1100, 99.95, ["silver", "black"],
     "adjustable brew strength and a 24-hour programmable timer"),
    ("Cuisinart", "Grind & Brew 12-Cup", "drip", 1.8, "yes", "yes", 1000, 149.95, ["silver"],
     "a built-in blade grinder and a brew-pause feature"),
    ("Keurig", "K-Elite", "single-serve", 2.2, "no", "yes", 1470, 189.99, ["black", "silver"],
     "a strong-brew button and an iced setting for K-Cup pods"),
    ("Keurig", "K-Mini", "single-serve", 0.35, "no", "no", 1400, 89.99, ["black", "red", "white"],
     "a slim design under 5 inches wide and cord storage"),
    ("Nespresso", "Vertuo Pop+", "single-serve", 0.56, "no", "no", 1260, 109.00, ["black", "white", "blue"],
     "Centrifusion brewing that reads each capsule's barcode"),
    ("Mr. Coffee", "12-Cup Programmable", "drip", 1.8, "no", "yes", 900, 39.99, ["black"],
     "a brew-pause feature and an auto shut-off"),
    ("Technivorm", "Moccamaster KBGV Select", "drip", 1.25, "no", "no", 1520, 359.00, ["silver", "black", "red"],
     "a copper heating element that brews a full pot in about 6 minutes"),
    ("OXO", "Brew 8-Cup", "drip", 1.2, "no", "yes", 1400, 199.99, ["silver"],
     "an SCA-certified brewing cycle and a rainmaker shower head"),
]
for brand, model, ctype, cap_l, grinder, prog, watt, price, colors, feat in COFFEE:
    for color in colors[:2]:
        name = "%s %s" % (brand, model)
        kind = {"espresso": "Espresso Machine", "super-automatic": "Fully Automatic Espresso Machine",
                "drip": "Drip Coffee Maker", "single-serve": "Single-Serve Coffee Maker"}[ctype]
        title = "%s %s" % (name, kind)
        if len(colors) > 1:
            title += " - %s" % cap(color)
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is %s %s with %s. Its %s-liter water tank means fewer refills." % (
                name, "an" if kind[0] in "AEIOU" else "a", kind.lower(), feat, num(cap_l))
        elif t == 1:
            d = "Make cafe-quality coffee at home with the %s, featuring %s. The removable %s-liter reservoir is easy to fill." % (
                name, feat, num(cap_l))
        else:
            d = "With %s, the %s takes the guesswork out of your morning brew. It holds %s liters of water." % (
                feat, name, num(cap_l))
        if grinder == "yes" and "grinder" not in feat:
            d += " A built-in grinder lets you brew with freshly ground beans."
        if prog == "yes":
            d += " Programmable settings let you set it up ahead of time, and the %s model is rated at %d W." % (color, watt)
        else:
            d += " The %s model is rated at %d W." % (color, watt)
        attrs = {"color": color, "type": ctype, "capacity_l": num(cap_l), "built_in_grinder": grinder,
                 "programmable": prog, "wattage": str(watt)}
        add("HOME-COF", "Home & Kitchen", "Coffee Makers", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Home & Kitchen / Blenders
# ---------------------------------------------------------------------------
# brand, model, type, wattage, capacity l, speeds, dishwasher safe, price, colours, feature
BLENDERS = [
    ("Vitamix", "5200", "countertop", 1380, 1.9, 10, "yes", 499.95, ["black", "red", "white"],
     "aircraft-grade stainless steel blades and a tall 64 oz container"),
    ("Vitamix", "Ascent A3500", "countertop", 1500, 2.0, 10, "yes", 699.95, ["black", "silver", "grey"],
     "five program settings, a touchscreen and a built-in timer"),
    ("Vitamix", "Explorian E310", "countertop", 1380, 1.4, 10, "yes", 349.95, ["black", "red"],
     "a pulse feature and a low-profile 48 oz container"),
    ("Ninja", "Professional Plus BN701", "countertop", 1400, 2.1, 3, "yes", 119.99, ["black", "silver"],
     "Total Crushing blades and three Auto-iQ programs"),
    ("Ninja", "Nutri-Blender Pro", "personal", 1100, 0.7, 1, "yes", 89.99, ["black", "silver"],
     "two 24 oz to-go cups with spout lids"),
    ("Ninja", "TWISTi High-Speed Blender Duo", "countertop", 1600, 1.0, 5, "yes", 129.99, ["black", "grey"],
     "a built-in twist tamper for thick smoothie bowls"),
    ("NutriBullet", "Pro 900", "personal", 900, 0.9, 1, "yes", 99.99, ["silver", "black"],
     "extractor blades and a simple push-and-twist operation"),
    ("NutriBullet", "Combo 1200", "countertop", 1200, 1.9, 3, "yes", 139.99, ["silver", "black"],
     "a 64 oz pitcher plus single-serve cups"),
    ("Breville", "Super Q", "countertop", 1800, 2.0, 12, "yes", 499.95, ["silver", "black"],
     "a noise-suppression design and a personal blender cup"),
    ("Breville", "Control Grip", "immersion", 280, 1.0, 15, "yes", 99.95, ["silver"],
     "an ergonomic trigger grip and a bell-shaped base that reduces suction"),
    ("KitchenAid", "K400", "countertop", 1200, 1.4, 5, "yes", 229.99, ["red", "black", "white"],
     "an asymmetric blade and a soft-start motor"),
    ("KitchenAid", "Cordless Variable Speed Hand Blender", "immersion", 200, 0.7, 7, "yes", 99.99,
     ["red", "black", "white"], "a rechargeable battery that blends up to 25 bowls of soup per charge"),
    ("Blendtec", "Classic 575", "countertop", 1560, 2.7, 5, "yes", 329.95, ["black", "red"],
     "a blunt safety blade and pre-programmed cycles"),
    ("Oster", "Pro 1200", "countertop", 1200, 1.4, 7, "yes", 99.99, ["silver", "black"],
     "a dual-direction blade and a 24 oz smoothie cup"),
    ("Hamilton Beach", "Power Elite", "countertop", 700, 1.2, 12, "yes", 39.99, ["black"],
     "Wave~Action system that pulls ingredients down into the blades"),
    ("Cuisinart", "Smart Stick", "immersion", 300, 0.6, 2, "yes", 49.95, ["silver", "white", "red"],
     "a stainless steel blending shaft and a measuring beaker"),
]
for brand, model, btype, watt, cap_l, speeds, dw, price, colors, feat in BLENDERS:
    for color in colors[:2]:
        name = "%s %s" % (brand, model)
        kind = {"countertop": "Blender", "personal": "Personal Blender", "immersion": "Immersion Blender"}[btype]
        title = "%s %s" % (name, kind)
        if len(colors) > 1:
            title += " - %s" % cap(color)
        t = rng.randrange(3)
        if btype == "immersion":
            use = "soups, sauces and baby food"
        elif btype == "personal":
            use = "single-serve smoothies and protein shakes"
        else:
            use = "smoothies, frozen drinks, nut butters and soups"
        if t == 0:
            d = "The %s is a %d W %s blender for %s. It comes with %s." % (name, watt, btype, use, feat)
        elif t == 1:
            d = "Whip up %s with the %s, featuring %s. Its motor delivers %d W of power." % (use, name, feat, watt)
        else:
            d = "Powered by a %d W motor, the %s easily handles %s. It comes with %s." % (watt, name, use, feat)
        speed_txt = "a single speed" if speeds == 1 else "%d speed settings" % speeds
        d += " This %s model has %s and a %s-liter %s." % (
            color, speed_txt, num(cap_l), "blending beaker" if btype == "immersion" else "container")
        if dw == "yes":
            d += " Removable parts are dishwasher safe."
        attrs = {"color": color, "type": btype, "wattage": str(watt), "capacity_l": num(cap_l),
                 "speeds": str(speeds), "dishwasher_safe": dw}
        add("HOME-BLN", "Home & Kitchen", "Blenders", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Home & Kitchen / Cookware Sets
# ---------------------------------------------------------------------------
# brand, model, material, pieces, induction, oven safe F, dishwasher safe, price, colours, feature
COOKWARE = [
    ("Le Creuset", "Signature Enameled Cast Iron", "enameled cast iron", 5, "yes", 500, "yes", 1095.00,
     ["red", "orange", "blue"], "a Dutch oven, braiser and skillet with even, heat-retaining cast iron"),
    ("Le Creuset", "Toughened Nonstick PRO", "nonstick", 10, "yes", 500, "yes", 899.95, ["black"],
     "a triple-reinforced PFOA-free nonstick surface"),
    ("All-Clad", "D3 Stainless", "stainless steel", 10, "yes", 600, "yes", 699.99, ["silver"],
     "bonded 3-ply construction that heats evenly to the rim"),
    ("All-Clad", "HA1 Hard Anodized Nonstick", "nonstick", 13, "yes", 500, "yes", 499.99, ["black"],
     "a hard-anodized body and a stainless steel induction base"),
    ("Calphalon", "Classic Stainless Steel", "stainless steel", 10, "yes", 450, "yes", 299.99, ["silver"],
     "measuring marks, pour spouts and straining lids"),
    ("Calphalon", "Classic Nonstick", "nonstick", 10, "no", 450, "no", 249.99, ["black"],
     "a dual-layer nonstick interior and tempered glass lids"),
    ("T-fal", "Ultimate Hard Anodized Nonstick", "nonstick", 12, "no", 400, "yes", 149.99, ["black"],
     "a Thermo-Spot heat indicator that shows when the pan is preheated"),
    ("Cuisinart", "Multiclad Pro Triple Ply", "stainless steel", 12, "yes", 550, "yes", 299.95, ["silver"],
     "a pure aluminum core and cool-grip stick handles"),
    ("Lodge", "Pre-Seasoned Cast Iron", "cast iron", 5, "yes", 500, "no", 99.90, ["black"],
     "skillets, a griddle and a Dutch oven seasoned with vegetable oil"),
    ("GreenPan", "Valencia Pro Ceramic Nonstick", "ceramic nonstick", 11, "yes", 600, "yes", 399.99, ["grey"],
     "a Thermolon diamond-infused ceramic coating free of PFAS"),
    ("Caraway", "Nonstick Ceramic", "ceramic nonstick", 9, "yes", 550, "no", 395.00,
     ["cream", "green", "navy", "pink"], "magnetic pan racks and a canvas lid holder for tidy storage"),
    ("HexClad", "Hybrid", "hybrid stainless nonstick", 12, "yes", 500, "yes", 699.99, ["silver"],
     "a laser-etched stainless hexagon pattern over a nonstick surface"),
    ("Tramontina", "Tri-Ply Clad", "stainless steel", 12, "yes", 500, "yes", 249.95, ["silver"],
     "tri-ply clad construction and riveted handles"),
    ("Rachael Ray", "Cucina Hard Enamel Nonstick", "nonstick", 12, "no", 400, "no", 129.99, ["blue", "red"],
     "rustic enamel exteriors and dual-riveted rubberized handles"),
    ("Staub", "Cast Iron", "enameled cast iron", 4, "yes", 500, "yes", 549.95, ["grey", "red"],
     "self-basting spiked lids and a matte black enamel interior"),
    ("Made In", "Stainless Clad", "stainless steel", 10, "yes", 800, "yes", 699.00, ["silver"],
     "5-ply stainless clad construction made in Italy and the USA"),
    ("KitchenAid", "3-Ply Base Stainless Steel", "stainless steel", 10, "yes", 500, "yes", 199.99, ["silver"],
     "an impact-bonded 3-ply base and flared rims for drip-free pouring"),
    ("Cuisinart", "Chef's Classic Nonstick Hard Anodized", "nonstick", 14, "no", 500, "no", 179.95, ["black"],
     "Quantanium nonstick reinforced with titanium"),
    ("Ninja", "Foodi NeverStick Premium", "nonstick", 10, "yes", 500, "yes", 299.99, ["grey"],
     "a NeverStick coating fused at 30,000°F that resists chipping"),
]
for brand, model, mat, pieces, ind, oven, dw, price, colors, feat in COOKWARE:
    chosen = colors[:3] if len(colors) > 1 else colors
    for color in chosen:
        name = "%s %s" % (brand, model)
        title = "%s %d-Piece Cookware Set" % (name, pieces)
        if len(colors) > 1:
            title += " - %s" % cap(color)
        t = rng.randrange(3)
        if t == 0:
            d = "The %s %d-piece set features %s. It is oven safe to %d°F." % (name, pieces, feat, oven)
        elif t == 1:
            d = "Upgrade your kitchen with this %d-piece %s set from %s, featuring %s. Every piece is oven safe up to %d°F." % (
                pieces, mat, brand, feat, oven)
        else:
            d = "Made from %s, the %s set offers %s and is oven safe to %d°F." % (mat, name, feat, oven)
        subj = ("This %s set" % color) if len(colors) > 1 else "It"
        d += " " + subj + (" works on all cooktops, including induction." if ind == "yes"
                           else " works on gas, electric and ceramic cooktops but not on induction.")
        d += " " + ("The pieces are dishwasher safe." if dw == "yes" else "Hand washing is recommended.")
        attrs = {"color": color, "material": mat, "pieces": str(pieces), "induction_compatible": ind,
                 "oven_safe_f": str(oven), "dishwasher_safe": dw}
        add("HOME-CKW", "Home & Kitchen", "Cookware Sets", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Home & Kitchen / Kitchen Knives
# ---------------------------------------------------------------------------
# brand, line, handle colour, blade material, dishwasher safe, [(type, blade in, pieces, price)], feature
KNIVES = [
    ("Wusthof", "Classic", "black", "high-carbon stainless steel", "no",
     [("chef's knife", "8", 1, 189.95), ("santoku", "7", 1, 169.95), ("paring knife", "3.5", 1, 69.95),
      ("bread knife", "9", 1, 159.95), ("knife block set", "8", 7, 549.95)],
     "a full tang, triple-riveted handle and a blade forged from a single piece of steel"),
    ("Wusthof", "Gourmet", "black", "high-carbon stainless steel", "no",
     [("chef's knife", "8", 1, 79.95), ("knife block set", "8", 6, 199.95)],
     "laser-cut blades that are light and precisely balanced"),
    ("Victorinox", "Fibrox Pro", "black", "stainless steel", "yes",
     [("chef's knife", "8", 1, 54.95), ("santoku", "7", 1, 49.95), ("paring knife", "4", 1, 12.95),
      ("bread knife", "10.25", 1, 49.95)],
     "a textured, non-slip Fibrox handle favored in professional kitchens"),
    ("Victorinox", "Swiss Classic", "red", "stainless steel", "yes",
     [("utility knife", "4.5", 1, 14.95), ("knife block set", "8", 8, 159.95)],
     "lightweight ergonomic handles and precision-ground blades"),
    ("Zwilling", "Pro", "black", "high-carbon stainless steel", "no",
     [("chef's knife", "8", 1, 159.95), ("santoku", "7", 1, 149.95), ("knife block set", "8", 7, 499.95)],
     "a curved bolster that supports a professional pinch grip"),
    ("Zwilling", "Four Star", "black", "high-carbon stainless steel", "no",
     [("knife block set", "8", 8, 349.95)],
     "ice-hardened FRIODUR blades and seamless molded handles"),
    ("Henckels", "Statement", "black", "stainless steel", "yes",
     [("knife block set", "8", 15, 129.99), ("chef's knife", "8", 1, 39.99)],
     "single-piece stamped blades and triple-riveted handles"),
    ("Shun", "Classic", "black", "vg-max damascus steel", "no",
     [("chef's knife", "8", 1, 189.95), ("santoku", "7", 1, 179.95), ("paring knife", "3.5", 1, 109.95)],
     "a 68-layer Damascus-clad blade and a D-shaped pakkawood handle"),
    ("Global", "G-2 Classic", "silver", "cromova 18 stainless steel", "no",
     [("chef's knife", "8", 1, 134.95)],
     "a seamless stainless steel handle filled with sand for balance"),
    ("Mac", "Professional MTH-80", "black", "high-carbon stainless steel", "no",
     [("chef's knife", "8", 1, 169.95)],
     "a thin, dimpled blade that glides through sticky foods"),
    ("Mercer Culinary", "Genesis", "black", "high-carbon german steel", "no",
     [("chef's knife", "8", 1, 39.99), ("bread knife", "8", 1, 32.99)],
     "a forged blade and a non-slip Santoprene handle"),
    ("Misen", "Essentials", "blue", "aus-10 high-carbon steel", "no",
     [("chef's knife", "8", 1, 85.00), ("santoku", "7", 1, 75.00)],
     "a sloped bolster and a sharp 15-degree edge angle"),
    ("KitchenAid", "Gourmet Forged Triple-Rivet", "black", "high-carbon stainless steel", "no",
     [("knife block set", "8", 14, 129.99)],
     "a set of forged knives with a built-in sharpener in the block"),
    ("Cuisinart", "Graphix Hollow Handle", "silver", "stainless steel", "no",
     [("knife block set", "8", 15, 99.95)],
     "stainless hollow handles and a brushed acacia-look block"),
]
KNIFE_TITLE = {"chef's knife": "Chef's Knife", "santoku": "Santoku Knife", "paring knife": "Paring Knife",
               "bread knife": "Bread Knife", "utility knife": "Utility Knife", "knife block set": "Knife Block Set"}
KNIFE_USE = {"chef's knife": "chopping, slicing and mincing almost anything",
             "santoku": "fine slicing, dicing and push-cutting vegetables",
             "paring knife": "peeling, trimming and detail work",
             "bread knife": "crusty bread, tomatoes and layer cakes",
             "utility knife": "trimming, slicing fruit and small prep jobs",
             "knife block set": "a complete kitchen setup"}
for brand, line, color, blade, dw, types, feat in KNIVES:
    for ktype, blen, pieces, price in types:
        name = "%s %s" % (brand, line)
        if ktype == "knife block set":
            title = "%s %d-Piece Knife Block Set" % (name, pieces)
        else:
            title = "%s %s-Inch %s" % (name, blen, KNIFE_TITLE[ktype])
        t = rng.randrange(2)
        if ktype == "knife block set":
            d = "The %s %d-piece block set covers %s, with blades up to %s inches long. It features %s." % (
                name, pieces, KNIFE_USE[ktype], blen, feat)
        elif t == 0:
            d = "The %s %s-inch %s is ideal for %s. It features %s." % (name, blen, ktype, KNIFE_USE[ktype], feat)
        else:
            d = "Made from %s, this %s-inch %s from the %s line handles %s. It offers %s." % (
                disp(blade), blen, ktype, name, KNIFE_USE[ktype], feat)
        if t == 0 or ktype == "knife block set":
            d += " The blade is made from %s." % disp(blade)
        d += " " + ("It is dishwasher safe, though hand washing keeps the edge sharper for longer." if dw == "yes"
                    else "Hand wash and dry immediately to protect the edge.")
        attrs = {"color": color, "type": ktype, "blade_length_in": blen, "blade_material": blade,
                 "pieces": str(pieces), "dishwasher_safe": dw}
        add("HOME-KNF", "Home & Kitchen", "Kitchen Knives", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Sports & Fitness / Yoga Mats
# ---------------------------------------------------------------------------
# brand, model, thickness mm, material, length in, weight kg, price, colours, feature
YOGA = [
    ("Lululemon", "The Mat 5mm", "5", "polyurethane and natural rubber", 71, 2.4, 108.00,
     ["black", "purple", "green"], "a polyurethane top layer that absorbs moisture for a grippy, sweat-proof hold"),
    ("Lululemon", "The Mat 3mm", "3", "polyurethane and natural rubber", 71, 1.9, 88.00,
     ["black", "blue", "pink"], "a lighter build that is easy to carry to class"),
    ("Manduka", "PRO Yoga Mat 6mm", "6", "pvc", 71, 3.4, 129.00,
     ["black", "purple", "grey"], "a dense, closed-cell surface that keeps sweat out and a lifetime guarantee"),
    ("Manduka", "PROlite Yoga Mat 4.7mm", "4.7", "pvc", 71, 1.8, 99.00,
     ["black", "blue", "green"], "the PRO's dense cushioning in a lighter, travel-friendly weight"),
    ("Manduka", "GRP Adapt Hot Yoga Mat 5mm", "5", "natural rubber", 71, 2.5, 136.00,
     ["black", "teal"], "a charcoal-infused rubber core built for hot and sweaty practice"),
    ("Manduka", "eKO Lite Yoga Mat 4mm", "4", "natural rubber", 71, 2.0, 85.00,
     ["green", "grey", "purple"], "sustainably harvested tree rubber with no PVC or toxic plasticizers"),
    ("Manduka", "begin Yoga Mat 5mm", "5", "tpe", 72, 1.1, 49.00,
     ["black", "teal", "purple"], "alignment stripes and a reversible two-tone design"),
    ("Liforme", "Original Yoga Mat", "4.2", "polyurethane and natural rubber", 73, 2.5, 149.95,
     ["grey", "blue", "pink"], "the AlignForMe marker system and an extra-wide 26-inch surface"),
    ("JadeYoga", "Harmony Yoga Mat", "5", "natural rubber", 68, 2.3, 99.95,
     ["green", "purple", "blue"], "open-cell natural rubber grip made in the USA"),
    ("JadeYoga", "Voyager Travel Mat", "1.6", "natural rubber", 68, 0.7, 59.95,
     ["purple", "green"], "a foldable design that fits in a carry-on bag"),
    ("Gaiam", "Premium Print Yoga Mat 6mm", "6", "pvc", 68, 1.6, 31.98,
     ["purple", "blue", "pink"], "a printed, textured non-slip surface at an entry-level price"),
    ("Gaiam", "Essentials Thick Yoga Mat 10mm", "10", "nbr foam", 72, 1.1, 24.98,
     ["black", "grey", "pink"], "extra-thick cushioning for knees and an included carry strap"),
    ("Gaiam", "Performance Cork Yoga Mat 5mm", "5", "cork and tpe", 68, 1.8, 49.98,
     ["beige"], "a natural cork surface that gets grippier as you sweat"),
    ("Alo", "Warrior Mat", "6", "polyurethane and natural rubber", 74, 3.2, 128.00,
     ["black", "navy", "beige"], "a non-slip, anti-odor surface built for studio practice"),
    ("Hugger Mugger", "Para Rubber XL Yoga Mat", "6", "natural rubber", 78, 3.6, 114.95,
     ["black", "blue", "purple"], "extra length and width for taller yogis"),
    ("Yogo", "Ultralight Travel Yoga Mat", "1.5", "natural rubber", 68, 0.9, 79.00,
     ["grey", "blue", "green"], "built-in straps that fold it into a compact bundle"),
]
for brand, model, thick, mat, length, wkg, price, colors, feat in YOGA:
    for color in colors[:2]:
        name = "%s %s" % (brand, model)
        title = name if "Mat" in model else name + " Yoga Mat"
        if len(colors) > 1:
            title += " - %s" % cap(color)
        th = float(thick)
        if th >= 8:
            feel = "plenty of cushioning for sensitive knees and floor work"
        elif th >= 5:
            feel = "a good balance of cushioning and stability"
        elif th >= 3:
            feel = "a firm, stable feel for balance poses"
        else:
            feel = "minimal bulk for travel or for layering over a studio mat"
        t = rng.randrange(3)
        if t == 0:
            d = "The %s is %s mm thick, offering %s. It features %s." % (name, thick, feel, feat)
        elif t == 1:
            d = "Made from %s, the %s has %s. At %s mm thick it provides %s." % (disp(mat), name, feat, thick, feel)
        else:
            d = "Roll out the %s for daily practice. It features %s, and at %s mm thick it offers %s." % (name, feat, thick, feel)
        d += " The %s mat measures %d inches long and weighs about %s kg." % (color, length, num(wkg))
        attrs = {"color": color, "thickness_mm": thick, "material": mat, "length_in": str(length),
                 "weight_kg": num(wkg)}
        add("FIT-YGM", "Sports & Fitness", "Yoga Mats", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Sports & Fitness / Dumbbells
# ---------------------------------------------------------------------------
DUMBBELLS = []  # (brand, title, type, weight_lb, material, sold_as, color, price, feature)
for brand, model, rng_lb, price, feat in [
        ("Bowflex", "SelectTech 552 Adjustable Dumbbells", "5-52.5", 429.00,
         "a dial system that switches between 15 weight settings in seconds"),
        ("Bowflex", "SelectTech 1090 Adjustable Dumbbells", "10-90", 799.00,
         "a dial system with 17 weight settings in 5 lb increments"),
        ("NordicTrack", "Select-a-Weight Adjustable Dumbbells", "10-55", 299.99,
         "a quick-select handle and a storage tray included"),
        ("PowerBlock", "Elite EXP Adjustable Dumbbells", "5-50", 379.00,
         "a compact block design that is expandable to 90 lb per hand"),
        ("Core Home Fitness", "Adjustable Dumbbell Set", "5-50", 299.99,
         "a twist-handle mechanism that changes weight without pins")]:
    DUMBBELLS.append((brand, "%s, %s lb (Pair)" % (model, rng_lb), "adjustable", rng_lb,
                      "steel and plastic", "pair", "black", price, feat))
for lb, price in [(10, 19.99), (15, 26.99), (20, 33.99), (25, 41.99), (30, 49.99), (35, 57.99),
                  (40, 64.99), (50, 79.99)]:
    DUMBBELLS.append(("CAP Barbell", "Rubber Coated Hex Dumbbell, %d lb (Single)" % lb, "hex", str(lb),
                      "rubber-coated cast iron", "single", "black", price,
                      "a hexagonal head that will not roll and a chrome-plated, knurled handle"))
for lb, price in [(15, 72.50), (25, 112.50), (35, 157.50), (50, 225.00)]:
    DUMBBELLS.append(("Rogue", "Rubber Hex Dumbbells, %d lb (Pair)" % lb, "hex", str(lb),
                      "rubber-coated cast iron", "pair", "black", price,
                      "a virgin rubber coating and a medium-knurl steel handle"))
for lb, color, price in [(3, "pink", 16.99), (5, "blue", 21.99), (8, "grey", 29.99), (10, "black", 34.99),
                         (12, "green", 39.99)]:
    DUMBBELLS.append(("Yes4All", "Neoprene Dumbbells, %d lb (Pair)" % lb, "neoprene", str(lb),
                      "neoprene-coated cast iron", "pair", color, price,
                      "a soft, non-slip neoprene coating that is gentle on floors"))
for lb, color, price in [(2, "purple", 14.98), (3, "teal", 17.98), (5, "grey", 24.98)]:
    DUMBBELLS.append(("Gaiam", "Vinyl Dumbbell Set, %d lb (Pair)" % lb, "vinyl", str(lb),
                      "vinyl-coated cast iron", "pair", color, price,
                      "a color-coded vinyl finish and flat ends that stop it rolling away"))
for brand, model, dtype, wlb, mat, sold, color, price, feat in DUMBBELLS:
    title = "%s %s" % (brand, model)
    if dtype == "adjustable":
        lo, hi = wlb.split("-")
        t = rng.randrange(2)
        if t == 0:
            d = "The %s replace a full rack with one pair, adjusting from %s to %s lb per dumbbell. They feature %s." % (
                title.split(",")[0], lo, hi, feat)
        else:
            d = "Save space in your home gym with %s adjustable dumbbells that go from %s to %s lb each, featuring %s." % (
                brand, lo, hi, feat)
        d += " Sold as a pair."
    else:
        per = "each dumbbell" if sold == "pair" else "the dumbbell"
        t = rng.randrange(2)
        if t == 0:
            d = "This %s lb %s dumbbell from %s has %s. It is made from %s." % (wlb, dtype, brand, feat, mat)
        else:
            d = "Built for strength training at home or in the gym, this %s dumbbell features %s. The %s weight is %s lb." % (
                dtype, feat, "listed" if sold == "single" else "per-dumbbell", wlb)
        d += " " + ("Sold as a pair, so you get two %s lb dumbbells." % wlb if sold == "pair" else "Sold individually.")
    attrs = {"color": color, "type": dtype, "weight_lb": wlb, "material": mat, "sold_as": sold}
    add("FIT-DMB", "Sports & Fitness", "Dumbbells", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# Sports & Fitness / Water Bottles
# ---------------------------------------------------------------------------
# brand, model, capacity oz, insulated, material, lid, dishwasher safe, price, colours, feature
BOTTLES = [
    ("Hydro Flask", "32 oz Wide Mouth with Flex Straw Cap", 32, "yes", "stainless steel", "straw", "yes", 44.95,
     ["black", "blue", "olive", "white"], "a leakproof straw cap with a flexible carry handle"),
    ("Hydro Flask", "21 oz Standard Mouth with Flex Cap", 21, "yes", "stainless steel", "screw cap", "yes", 34.95,
     ["black", "pink", "blue"], "a slim profile that fits most bike and car cup holders"),
    ("Hydro Flask", "40 oz Wide Mouth with Flex Chug Cap", 40, "yes", "stainless steel", "chug cap", "yes", 49.95,
     ["black", "green", "white"], "a chug cap for fast, splash-free sips"),
    ("Yeti", "Rambler 26 oz Bottle with Chug Cap", 26, "yes", "stainless steel", "chug cap", "yes", 40.00,
     ["navy", "black", "white"], "double-wall vacuum insulation and a DuraCoat finish that will not peel"),
    ("Yeti", "Rambler 18 oz Bottle with Chug Cap", 18, "yes", "stainless steel", "chug cap", "yes", 30.00,
     ["black", "red", "white"], "a compact size that fits cup holders"),
    ("Yeti", "Rambler 36 oz Bottle with Chug Cap", 36, "yes", "stainless steel", "chug cap", "yes", 50.00,
     ["navy", "olive"], "an extra-large capacity for long days outdoors"),
    ("Stanley", "Quencher H2.0 FlowState Tumbler 40 oz", 40, "yes", "stainless steel", "straw", "yes", 45.00,
     ["pink", "cream", "black", "teal"], "a comfort-grip handle and a rotating FlowState lid"),
    ("Stanley", "IceFlow Flip Straw Bottle 30 oz", 30, "yes", "stainless steel", "straw", "yes", 35.00,
     ["black", "blue", "green"], "a flip-up straw and a carry handle"),
    ("Nalgene", "Sustain 32 oz Wide Mouth Bottle", 32, "no", "tritan", "screw cap", "yes", 15.99,
     ["blue", "green", "grey", "pink"], "a BPA-free Tritan Renew body made with recycled material"),
    ("CamelBak", "Chute Mag 25 oz Bottle", 25, "no", "tritan", "magnetic cap", "yes", 16.00,
     ["black", "blue", "pink"], "a magnetic cap that stays out of the way while you drink"),
    ("CamelBak", "Podium 24 oz Bike Bottle", 24, "no", "polypropylene", "squeeze valve", "yes", 12.00,
     ["black", "blue", "white"], "a self-sealing Jet Valve that only opens when you squeeze"),
    ("Owala", "FreeSip 24 oz Insulated Bottle", 24, "yes", "stainless steel", "straw", "no", 27.99,
     ["black", "pink", "teal", "blue"], "a FreeSip spout that lets you sip through the straw or swig"),
    ("Contigo", "Autoseal Chill 24 oz Bottle", 24, "yes", "stainless steel", "push button", "yes", 24.99,
     ["black", "blue", "grey"], "an AUTOSEAL lid that locks to prevent spills"),
    ("Klean Kanteen", "TKWide 32 oz Insulated Bottle", 32, "yes", "stainless steel", "twist cap", "yes", 41.95,
     ["black", "blue", "green"], "a leakproof twist cap and TKPro ceramic-lined interior"),
    ("S'well", "Original 17 oz Bottle", 17, "yes", "stainless steel", "screw cap", "no", 35.00,
     ["white", "black", "navy"], "a triple-layered, condensation-free design"),
]
for brand, model, oz, ins, mat, lid, dw, price, colors, feat in BOTTLES:
    for color in colors[:2]:
        name = "%s %s" % (brand, model)
        title = "%s - %s" % (name, cap(color))
        t = rng.randrange(3)
        if t == 0:
            d = "The %s holds %d oz and features %s." % (name, oz, feat)
        elif t == 1:
            d = "Stay hydrated on the go with this %d oz %s bottle from %s, featuring %s." % (
                oz, disp(mat), brand, feat)
        else:
            d = "With %s, the %s is built for gym sessions, hikes and the daily commute. It holds %d oz." % (feat, name, oz)
        if ins == "yes":
            d += " " + pick(["Double-wall vacuum insulation keeps drinks cold for up to 24 hours.",
                             "Vacuum insulation keeps water cold all day and stops the outside from sweating."])
        else:
            d += " It is not insulated, which keeps it light and easy to squeeze or pack."
        d += " " + ("This %s bottle is dishwasher safe." % color if dw == "yes"
                    else "Hand washing is recommended for this %s bottle." % color)
        attrs = {"color": color, "capacity_oz": str(oz), "insulated": ins, "material": mat,
                 "lid_type": lid, "dishwasher_safe": dw}
        add("FIT-BTL", "Sports & Fitness", "Water Bottles", title, brand, price, attrs, d)

# ---------------------------------------------------------------------------
# FAQ
# ---------------------------------------------------------------------------
FAQ = [
    ("shipping-standard", "shipping", "How much does standard shipping cost and how long does it take?",
     "Standard shipping within the contiguous US costs $5.99 and arrives in 3-5 business days. Orders of $75 or more ship free with standard shipping."),
    ("shipping-free-threshold", "shipping", "Do you offer free shipping?",
     "Yes. Orders of $75 or more (after discounts, before tax) qualify for free standard shipping within the contiguous US. Express and international shipping are always charged."),
    ("shipping-express", "shipping", "Can I get my order faster?",
     "Express shipping costs $14.99 and delivers in 1-2 business days within the contiguous US. Express orders placed before 2 pm ET on a business day ship the same day."),
    ("shipping-processing", "shipping", "When will my order ship?",
     "Standard orders leave our warehouse within 1 business day. Express orders placed before 2 pm ET on a business day ship the same day; you will get an email with a tracking number as soon as your package is on its way."),
    ("shipping-international", "shipping", "Do you ship internationally?",
     "Yes, we ship to Canada, the UK, the EU, Australia and Japan. International delivery takes 7-14 business days, shipping starts at $19.99 and is calculated at checkout, and import duties and taxes are collected at checkout so there are no surprise fees on delivery."),
    ("shipping-alaska-hawaii", "shipping", "Do you ship to Alaska, Hawaii, PO boxes or APO/FPO addresses?",
     "Yes. Orders to Alaska, Hawaii, PO boxes and APO/FPO addresses ship via standard shipping only and take 5-10 business days; the $75 free-shipping offer applies to these addresses too."),
    ("returns-window", "returns", "How long do I have to return an item?",
     "You can return most items within 30 days of delivery for a full refund. Items bought in store can be returned within 30 days of purchase."),
    ("returns-condition", "returns", "What condition do returned items need to be in?",
     "Items must be unused and in their original condition and packaging, with all tags and accessories included. Shoes may be tried on indoors, but we cannot accept footwear or gear that shows outdoor wear."),
    ("returns-how", "returns", "How do I start a return?",
     "Sign in, go to Orders, choose the item and select Start a Return to print a prepaid UPS label, or bring the item with your order number to any Northwind Outfitters store. Returns by mail cost $6.95, which is deducted from your refund; in-store returns and exchanges are free."),
    ("returns-exchange", "returns", "Can I exchange an item for a different size or color?",
     "Yes. Start a return within 30 days of delivery and choose Exchange; we ship the replacement for free as soon as the original is scanned by the carrier. Exchanges are free by mail and in store."),
    ("returns-non-returnable", "returns", "Are there items that cannot be returned?",
     "Gift cards, items marked Final Sale, and engraved or personalized products cannot be returned. Opened headphones and earbuds can be returned within 30 days if all parts and packaging are included."),
    ("returns-damaged", "returns", "My order arrived damaged or the wrong item was sent. What should I do?",
     "Contact us within 7 days of delivery with your order number and a photo of the problem. We will send a free replacement or issue a full refund, and you will not pay any return shipping."),
    ("refunds-timing", "refunds", "When will I get my refund?",
     "We process refunds within 3 business days of receiving your return. Your bank may take a further 5-10 business days to show the credit on your statement."),
    ("refunds-method", "refunds", "How will my refund be issued?",
     "Refunds go back to your original payment method. Purchases paid with a gift card are refunded as a Northwind Outfitters gift card, and original shipping costs are refunded only if the item was damaged or incorrect."),
    ("refunds-price-drop", "refunds", "The price dropped after I bought an item. Can I get the difference?",
     "Yes. If we lower the price of an item within 14 days of your purchase, contact us and we will refund the difference to your original payment method. This does not apply to clearance or Final Sale items."),
    ("warranty-length", "warranty", "Do your products come with a warranty?",
     "Every product we sell is covered by the Northwind Outfitters 1-year warranty against manufacturing defects, starting from the delivery date. Many brands add their own manufacturer warranty on top, such as 2 years on most electronics; the length is listed on the product page."),
    ("warranty-coverage", "warranty", "What does the warranty cover?",
     "The warranty covers defects in materials and workmanship, such as failed seams, delaminating soles, broken zippers or electronics that stop working under normal use. It does not cover normal wear and tear, accidental damage, misuse or unauthorized repairs."),
    ("warranty-claim", "warranty", "How do I make a warranty claim?",
     "Go to Orders, select the item and choose Report a Problem, then add a short description and photos. We reply within 2 business days and repair, replace or refund the item at no cost if the claim is approved."),
    ("payment-methods", "payment", "Which payment methods do you accept?",
     "We accept Visa, Mastercard, American Express and Discover, as well as PayPal, Apple Pay, Google Pay and Northwind Outfitters gift cards. Your card is charged when your order ships."),
    ("payment-installments", "payment", "Can I pay in installments?",
     "Yes. Orders between $50 and $2,000 can be split into 4 interest-free payments with Klarna or PayPal Pay in 4, charged every 2 weeks. Choose the option at checkout; approval is subject to an eligibility check."),
    ("payment-gift-cards", "payment", "How do gift cards work?",
     "Northwind Outfitters gift cards are available from $25 to $500, never expire and can be used online or in store. You can combine a gift card with a credit card or PayPal at checkout and check your balance on the Gift Cards page."),
    ("orders-change-cancel", "orders", "Can I change or cancel my order?",
     "You can change the address, size or color or cancel your order within 1 hour of placing it from the Orders page. After that, the order is being packed; you can return it once it arrives within our 30-day return window."),
    ("orders-tracking", "orders", "How do I track my order?",
     "Once your order ships, we email you a tracking number. You can also follow your order at any time on the Orders page of your account or with your order number and email on our Order Status page."),
    ("orders-price-match", "orders", "Do you price match?",
     "Yes. We match the current price of an identical, in-stock item sold by a major US retailer's website, before or within 14 days after your purchase. Marketplace sellers, clearance sales, membership prices and bundle deals are excluded."),
    ("orders-promo-codes", "orders", "Can I use more than one promo code?",
     "Only one promo code can be used per order, and codes cannot be applied to gift cards. Promo codes can be combined with the free-shipping offer on orders of $75 or more."),
    ("other-gift-wrapping", "other", "Do you offer gift wrapping?",
     "Yes. Gift wrapping is $4.99 per item and includes a personalized message card. Gift-wrapped orders include a gift receipt without prices, and the recipient can exchange items within 30 days of delivery."),
    ("other-store-pickup", "other", "Can I buy online and pick up in store?",
     "Yes, store pickup is free. Choose Pick Up in Store at checkout; most orders are ready within 2 hours, and we hold them for 7 days. Bring your order confirmation and a photo ID."),
    ("other-back-in-stock", "other", "An item is out of stock. Will it come back?",
     "Most out-of-stock items are restocked within 2-4 weeks. Select Notify Me on the product page and we will email you as soon as your size or color is available again."),
    ("other-customer-service", "other", "How can I contact customer service?",
     "Our customer service team is available by chat and phone Monday to Friday 8 am-8 pm ET and weekends 9 am-5 pm ET. Email requests are answered within 1 business day."),
]


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    catalog_path = os.path.join(OUT_DIR, "catalog.jsonl")
    faq_path = os.path.join(OUT_DIR, "faq.jsonl")
    write_jsonl(catalog_path, products)
    faq_rows = [{"id": i, "topic": t, "question": q, "answer": a} for i, t, q, a in FAQ]
    write_jsonl(faq_path, faq_rows)
    print("wrote %d products to %s" % (len(products), os.path.relpath(catalog_path, ROOT)))
    print("wrote %d FAQ entries to %s" % (len(faq_rows), os.path.relpath(faq_path, ROOT)))


if __name__ == "__main__":
    main()
