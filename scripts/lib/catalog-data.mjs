// Vocabulary of the seed catalog: markets, vendors, the category tree and what
// each leaf category sells. Prices are typical retail prices in US dollars; the
// generator turns them into each market's currency and price habits.

/** Markets: currency, how many local units a dollar buys (≈ late 2026), and local price level. */
export const MARKETS = {
  NG: {
    currency: 'NGN',
    perUsd: 1500,
    level: 0.95,
    delivery: (city) => `Delivery within ${city} in 1–2 days, nationwide in 3–5 days. Pay on delivery available.`,
  },
  KE: {
    currency: 'KES',
    perUsd: 130,
    level: 1.0,
    delivery: (city) => `Same-day delivery in ${city}. Pay with M-Pesa on delivery.`,
  },
  GH: {
    currency: 'GHS',
    perUsd: 15,
    level: 1.1,
    delivery: (city) => `Fast delivery across ${city}. Pay with MoMo or cash on delivery.`,
  },
  CI: {
    currency: 'XOF',
    perUsd: 600,
    level: 1.0,
    delivery: (city) => `Livraison rapide à ${city}. Paiement à la livraison ou par Orange Money.`,
  },
  ZA: {
    currency: 'ZAR',
    perUsd: 18,
    level: 1.05,
    delivery: (city) => `Delivered in ${city} within 2 working days. Free delivery on orders over R500.`,
  },
  EG: {
    currency: 'EGP',
    perUsd: 50,
    level: 0.85,
    delivery: (city) => `Delivery across ${city} in 24–48 hours. Cash on delivery available.`,
  },
};

// [name, country, city, top-level categories ('*' = general store), size weight, status]
export const VENDORS = [
  ['Ikeja Phone Village', 'NG', 'Lagos', ['phones-tablets', 'computing', 'electronics'], 5],
  ['Balogun Fabrics & Fashion', 'NG', 'Lagos', ['fashion'], 4],
  ['Mama Ngozi Provisions', 'NG', 'Onitsha', ['groceries', 'baby-kids'], 3],
  ['Wuse Market Electronics', 'NG', 'Abuja', ['electronics', 'computing', 'phones-tablets'], 3],
  ['Glow by Amaka', 'NG', 'Lagos', ['health-beauty'], 3],
  ['Kano Home Essentials', 'NG', 'Kano', ['home-kitchen', 'groceries'], 2],
  ['Naija Kicks', 'NG', 'Lagos', ['fashion', 'sports-outdoors'], 2],
  ['Garden City Gadgets', 'NG', 'Port Harcourt', ['phones-tablets', 'electronics'], 2],
  ['Ibadan Family Store', 'NG', 'Ibadan', ['*'], 6],
  ['Abuja Baby Hub', 'NG', 'Abuja', ['baby-kids', 'health-beauty'], 1.5],
  ['SolarNaija Energy', 'NG', 'Abuja', ['electronics', 'home-kitchen'], 1.5],
  ['Lekki Luxe Beauty', 'NG', 'Lagos', ['health-beauty', 'fashion'], 2],
  ['Yaba Gadget Plug', 'NG', 'Lagos', ['phones-tablets'], 0.5, 'suspended'],
  ['Luthuli Avenue Electronics', 'KE', 'Nairobi', ['phones-tablets', 'electronics', 'computing'], 4],
  ['Kilimani Fashion House', 'KE', 'Nairobi', ['fashion'], 3],
  ['Mombasa Spice & Grocery', 'KE', 'Mombasa', ['groceries', 'home-kitchen'], 2],
  ['Nakuru Duka Kuu', 'KE', 'Nakuru', ['*'], 4],
  ['Westlands Beauty Bar', 'KE', 'Nairobi', ['health-beauty'], 2],
  ['Kisumu Home & Living', 'KE', 'Kisumu', ['home-kitchen', 'baby-kids'], 1.5],
  ['Safari Sports Kenya', 'KE', 'Nairobi', ['sports-outdoors', 'fashion'], 1.5],
  ['Tom Mboya Phones', 'KE', 'Nairobi', ['phones-tablets'], 2],
  ['Kisumu Fresh Mart', 'KE', 'Kisumu', ['groceries'], 0.5, 'pending'],
  ['Kantamanto Styles', 'GH', 'Accra', ['fashion'], 3],
  ['Kejetia Wholesale', 'GH', 'Kumasi', ['*'], 4],
  ['Osu Gadget Centre', 'GH', 'Accra', ['phones-tablets', 'computing', 'electronics'], 3],
  ['Shea Naturals Tamale', 'GH', 'Tamale', ['health-beauty', 'groceries'], 1.5],
  ['Kumasi Kente & Crafts', 'GH', 'Kumasi', ['fashion', 'home-kitchen'], 1.5],
  ['Takoradi Kids Corner', 'GH', 'Takoradi', ['baby-kids', 'sports-outdoors'], 1],
  ['Adjamé Téléphones', 'CI', 'Abidjan', ['phones-tablets', 'electronics', 'computing'], 3],
  ['Treichville Mode', 'CI', 'Abidjan', ['fashion'], 2.5],
  ['Cocody Beauté', 'CI', 'Abidjan', ['health-beauty'], 1.5],
  ['Bouaké Marché Central', 'CI', 'Bouaké', ['*'], 3],
  ['Plateau Maison & Cuisine', 'CI', 'Abidjan', ['home-kitchen', 'baby-kids'], 1.5],
  ['Braamfontein Tech', 'ZA', 'Johannesburg', ['computing', 'electronics', 'phones-tablets'], 3],
  ['Cape Town Outdoor Co.', 'ZA', 'Cape Town', ['sports-outdoors', 'fashion'], 2],
  ['Durban Spice Emporium', 'ZA', 'Durban', ['groceries', 'home-kitchen'], 1.5],
  ['Soweto Sneaker Spot', 'ZA', 'Johannesburg', ['fashion', 'sports-outdoors'], 2],
  ['Pretoria Family Store', 'ZA', 'Pretoria', ['*'], 3],
  ['Downtown Cairo Mobiles', 'EG', 'Cairo', ['phones-tablets', 'electronics', 'computing'], 3],
  ['Khan El Khalili Crafts', 'EG', 'Cairo', ['home-kitchen', 'fashion'], 1.5],
  ['Alexandria Home Market', 'EG', 'Alexandria', ['*'], 3],
  ['Giza Beauty Corner', 'EG', 'Giza', ['health-beauty', 'baby-kids'], 1.5],
  ['Mansoura Sports', 'EG', 'Mansoura', ['sports-outdoors'], 1],
];

// Option axes: values and, where a value changes the price, its multiplier.
const PHONE_COLOURS = ['Black', 'Blue', 'Green', 'Gold', 'Silver', 'Purple', 'White'];
const COLOURS = ['Black', 'White', 'Red', 'Navy', 'Mustard', 'Emerald', 'Wine', 'Beige', 'Grey', 'Pink'];
const PRINTS = ['Blue & Orange', 'Green & Gold', 'Red & Black', 'Purple', 'Yellow', 'Indigo', 'Multicolour'];
const AX = {
  // `fit`: the values an item at this price comes in (no 512GB budget phones).
  storage: {
    name: 'storage',
    values: ['64GB', '128GB', '256GB', '512GB'],
    mult: [0.88, 1, 1.2, 1.45],
    fit: (usd) => (usd < 200 ? [0, 3] : [1, 4]),
  },
  phoneColour: { name: 'colour', values: PHONE_COLOURS },
  colour: { name: 'colour', values: COLOURS },
  print: { name: 'print', values: PRINTS },
  size: { name: 'size', values: ['XS', 'S', 'M', 'L', 'XL', 'XXL'] },
  shoeSize: { name: 'size', values: ['EU 38', 'EU 39', 'EU 40', 'EU 41', 'EU 42', 'EU 43', 'EU 44', 'EU 45'] },
  kidSize: {
    name: 'size',
    values: ['0–6 months', '6–12 months', '1–2 years', '3–4 years', '5–6 years', '7–8 years', '9–10 years'],
  },
  laptop: {
    name: 'configuration',
    values: ['8GB RAM / 256GB SSD', '8GB RAM / 512GB SSD', '16GB RAM / 512GB SSD', '16GB RAM / 1TB SSD'],
    mult: [1, 1.1, 1.25, 1.4],
  },
  // Multi-packs only for cheap things (no cartons of 50kg rice bags).
  pack: {
    name: 'pack',
    values: ['Single', 'Pack of 3', 'Pack of 6', 'Carton of 12'],
    mult: [1, 2.9, 5.6, 10.8],
    fit: (usd) => (usd < 5 ? [0, 4] : usd < 15 ? [0, 3] : [0, 1]),
  },
  volume: { name: 'size', values: ['50ml', '100ml', '200ml'], mult: [0.6, 1, 1.7] },
  length: { name: 'length', values: ['10"', '12"', '14"', '16"', '18"', '20"', '24"'], mult: [0.7, 0.8, 0.9, 1, 1.15, 1.3, 1.6] },
  shade: { name: 'shade', values: ['Fair', 'Light', 'Medium', 'Tan', 'Deep', 'Espresso'] },
  lipShade: { name: 'shade', values: ['Ruby Red', 'Nude', 'Berry', 'Coral', 'Plum', 'Chocolate'] },
  weight: { name: 'weight', values: ['5kg', '10kg', '15kg', '20kg'], mult: [0.5, 0.8, 1, 1.25] },
  tvSize: { name: 'screen', values: ['32"', '43"', '50"', '55"', '65"'], mult: [0.55, 0.8, 1, 1.15, 1.6] },
  diaperSize: {
    name: 'size',
    values: ['Size 1 (2–5kg)', 'Size 2 (3–6kg)', 'Size 3 (6–10kg)', 'Size 4 (9–14kg)', 'Size 5 (13–18kg)'],
  },
  ballSize: { name: 'size', values: ['Size 3', 'Size 4', 'Size 5'], mult: [0.8, 0.9, 1] },
  bedSize: { name: 'size', values: ['4.5x6', '5x6', '6x6', '6x7'], mult: [0.75, 0.85, 1, 1.15] },
};

const TECH_TITLE = {
  prefixes: [],
  suffixes: [' – Brand New', ' (Official Warranty)', ' + Free Delivery', ' – Sealed Box', ' (UK Used)'],
};
const STYLE_TITLE = {
  prefixes: ['Classic ', 'Premium ', 'Handmade ', 'Plus Size ', 'Vintage ', 'Luxury '],
  suffixes: [' – New Collection', ' (Unisex)'],
};
const PLAIN_TITLE = { prefixes: ['Original ', 'Genuine '], suffixes: [' – Wholesale', ' (Bulk Buy)'] };

const TECH_FACTS = [
  'Tested before dispatch and delivered with its receipt.',
  'Comes with a 12-month warranty; we replace faulty units within 7 days.',
  'Original product from an authorised distributor.',
  'Walk-in pick-up available at our shop.',
];
const STYLE_FACTS = [
  'True to size; check the size guide before ordering.',
  'Tailored locally with quality finishing.',
  'Exchange within 7 days if it does not fit.',
  'Colours may look slightly different from the photo on some screens.',
];
const HOME_FACTS = [
  'Well packaged to arrive without damage.',
  'Ideal as a gift for weddings and house-warmings.',
  'Exchange within 7 days if unused and in its original packaging.',
];
const FOOD_FACTS = [
  'Fresh stock with a long shelf life; best-before date printed on the pack.',
  'Store in a cool, dry place.',
  'Wholesale prices available for shops and restaurants.',
];

/** Parses "Name:usd|Name:usd" lists. */
const items = (s) =>
  s
    .trim()
    .split('|')
    .map((e) => {
      const i = e.lastIndexOf(':');
      return { name: e.slice(0, i).trim(), usd: Number(e.slice(i + 1)) };
    });

// Top-level categories: slug, name, weight (share of products), title style, shared facts.
// Leaves: slug (unique across the tree), name, icon (seed image), axes (options of SKUs; `noAxes`:
// items sold without options), items, about (sentences).
export const CATEGORY_TREE = [
  {
    slug: 'phones-tablets',
    name: 'Phones & Tablets',
    weight: 16,
    title: TECH_TITLE,
    facts: TECH_FACTS,
    hue: 210,
    leaves: [
      {
        slug: 'smartphones',
        name: 'Smartphones',
        icon: 'phone',
        weight: 3,
        axes: [AX.storage, AX.phoneColour],
        storageInTitle: true,
        items: items(
          `Tecno Spark 20 Pro:170|Tecno Spark Go 2024:95|Tecno Camon 30:240|Tecno Pova 6 Pro:260|Infinix Hot 40i:120|Infinix Note 40 Pro:250|Infinix Smart 8:85|Infinix Zero 30:320|itel A70:75|itel S24:115|itel P55:105|Samsung Galaxy A05s:135|Samsung Galaxy A15:175|Samsung Galaxy A25:260|Samsung Galaxy A55:430|Samsung Galaxy S24:850|Xiaomi Redmi 13C:115|Xiaomi Redmi Note 13:200|Xiaomi Redmi Note 13 Pro:310|Oppo A18:130|Oppo Reno 11:380|Realme C55:160|Vivo Y17s:140|Nokia G22:150|Apple iPhone 13:520|Apple iPhone 14:640|Apple iPhone 15:820|Apple iPhone 15 Pro Max:1250|Google Pixel 8:650|Huawei Nova 12i:240`,
        ),
        about: [
          'Dual SIM with 4G LTE and a battery that lasts a full day of heavy use.',
          'Comes with charger, USB cable and a free screen protector.',
          'Sharp display and a main camera that does well in low light.',
          'Fast charging, fingerprint unlock and expandable storage via microSD.',
          'Ships with the latest Android update and all apps working on local networks.',
        ],
      },
      {
        slug: 'feature-phones',
        name: 'Feature Phones',
        icon: 'phone',
        weight: 0.8,
        axes: [AX.phoneColour],
        items: items(
          `Nokia 105:18|Nokia 110 4G:30|Nokia 3310:45|itel it2160:12|itel Magic 3:28|Tecno T301:15|Tecno T528:22|Samsung Guru Music 2:25|Bontel 2610:10|Nokia 5310:40`,
        ),
        about: [
          'Battery lasts up to two weeks on standby.',
          'Dual SIM, FM radio and a bright torch.',
          'Loud speaker and large keys, ideal for parents and grandparents.',
          'Supports mobile money USSD codes.',
        ],
      },
      {
        slug: 'tablets',
        name: 'Tablets',
        icon: 'tablet',
        weight: 1,
        axes: [AX.storage, AX.phoneColour],
        items: items(
          `Samsung Galaxy Tab A9:170|Samsung Galaxy Tab A9+:240|Samsung Galaxy Tab S9 FE:420|Apple iPad 10th Gen:420|Apple iPad Air M2:680|Lenovo Tab M10:150|Lenovo Tab P12:330|Xiaomi Redmi Pad SE:180|Huawei MatePad 11.5:300|Modio M26 Kids Tablet:45|Atouch A102 Kids Tablet:55`,
        ),
        about: [
          'Large screen for classes, films and video calls.',
          'Supports a SIM card for calls and data on the go.',
          'Comes with a protective case and charger.',
          'Parental controls make it safe for children.',
        ],
      },
      {
        slug: 'phone-accessories',
        name: 'Phone Accessories',
        icon: 'plug',
        weight: 1.5,
        axes: [AX.colour],
        items: items(
          `Oraimo FreePods 4:35|Oraimo 20W Fast Charger:9|Oraimo USB-C Cable 1m:3|Anker Nano 20W Charger:18|Tempered Glass Screen Protector:2|Silicone Phone Case:4|Magnetic Car Phone Holder:7|Samsung 25W Travel Adapter:16|Baseus USB-C to Lightning Cable:8|Selfie Stick Tripod:10|Ring Light 10 inch with Stand:15`,
        ),
        about: [
          'Works with most Android phones and iPhones.',
          'Durable, tested for everyday use.',
          'Fast charging with overheating protection.',
        ],
      },
      {
        slug: 'power-banks',
        name: 'Power Banks',
        icon: 'battery',
        weight: 0.8,
        axes: [AX.colour],
        items: items(
          `Oraimo Traveler 3 10000mAh:14|Oraimo Toast 20000mAh:22|Anker PowerCore 10000:25|New Age 30000mAh Power Bank:30|Xiaomi Redmi 20000mAh:24|Baseus Blade 20000mAh:45|Solar Power Bank 20000mAh:20|itel Power Bank 10000mAh:11`,
        ),
        about: [
          'Charges a phone up to four times; essential during power cuts.',
          'Two USB outputs and a USB-C port, with an LED charge display.',
          'Airline-safe capacity.',
        ],
      },
    ],
  },
  {
    slug: 'computing',
    name: 'Computing',
    weight: 8,
    title: TECH_TITLE,
    facts: TECH_FACTS,
    hue: 250,
    leaves: [
      {
        slug: 'laptops',
        name: 'Laptops',
        icon: 'laptop',
        weight: 2,
        axes: [AX.laptop],
        items: items(
          `HP 250 G9 Core i3:380|HP 15s Core i5:520|HP EliteBook 840 G5 (Refurbished):310|Dell Latitude 5490 (Refurbished):260|Dell Inspiron 15 3520:540|Lenovo IdeaPad 1 Celeron:260|Lenovo IdeaPad Slim 3:480|Lenovo ThinkPad T480 (Refurbished):280|Apple MacBook Air M1:750|Apple MacBook Air M2:990|Apple MacBook Pro 14 M3:1700|Asus Vivobook 15:450|Acer Aspire 3:420|Asus TUF Gaming F15:900|Microsoft Surface Laptop Go 3:700`,
        ),
        about: [
          'Windows 11 and Office installed and activated.',
          'Backlit keyboard and a battery good for 6–8 hours.',
          'Refurbished units are graded A and come with a 6-month warranty.',
          'Light enough for school, work and travel.',
        ],
      },
      {
        slug: 'desktops-monitors',
        name: 'Desktops & Monitors',
        icon: 'screen',
        weight: 0.8,
        axes: [],
        items: items(
          `HP 22" FHD Monitor:110|Samsung 24" Curved Monitor:150|Dell 27" IPS Monitor:230|LG 22" LED Monitor:100|HP ProDesk 400 G5 Mini (Refurbished):220|Dell OptiPlex 7050 Tower (Refurbished):200|Lenovo ThinkCentre M720q:240|Apple iMac 24" M3:1400|All-in-One Desktop 23.8" Core i5:520`,
        ),
        about: [
          'HDMI and VGA inputs for older computers.',
          'Eye-care mode for long office hours.',
          'Ideal for offices, cyber cafés and schools.',
        ],
      },
      {
        slug: 'printers',
        name: 'Printers & Ink',
        icon: 'printer',
        weight: 0.6,
        axes: [],
        items: items(
          `HP DeskJet 2320 All-in-One:55|HP LaserJet Pro M404dn:290|Epson EcoTank L3250:210|Canon PIXMA G3411:190|Canon i-SENSYS LBP6030:140|HP 652 Black Ink Cartridge:14|Epson 003 Ink Bottle Set:30|A4 Printing Paper 80gsm (Ream):6`,
        ),
        about: [
          'Low cost per page, ideal for business centres.',
          'Print, scan and copy from your phone over Wi-Fi.',
          'Genuine ink for sharp prints.',
        ],
      },
      {
        slug: 'computer-accessories',
        name: 'Computer Accessories',
        icon: 'box',
        weight: 1.2,
        axes: [AX.colour],
        items: items(
          `Logitech M185 Wireless Mouse:15|Logitech K120 Keyboard:12|Logitech MK270 Keyboard & Mouse Combo:28|SanDisk Ultra 64GB Flash Drive:8|SanDisk 128GB microSD Card:13|Seagate 1TB External Hard Drive:55|Kingston 480GB SSD:35|TP-Link Archer C6 Router:40|TP-Link USB Wi-Fi Adapter:9|Laptop Backpack 15.6":20|Laptop Cooling Pad:14|HDMI Cable 1.5m:4|MTN 4G MiFi Router:35`,
        ),
        about: ['Plug and play, no drivers needed.', 'Compatible with Windows, macOS and Linux.', 'Compact and easy to carry.'],
      },
    ],
  },
  {
    slug: 'electronics',
    name: 'Electronics',
    weight: 10,
    title: TECH_TITLE,
    facts: TECH_FACTS,
    hue: 190,
    leaves: [
      {
        slug: 'televisions',
        name: 'Televisions',
        icon: 'screen',
        weight: 1.5,
        axes: [],
        items: items(
          `Hisense 32" HD LED TV:150|Hisense 43" Smart 4K TV:290|Hisense 55" 4K UHD Smart TV:450|Samsung 43" Crystal UHD Smart TV:380|Samsung 55" Crystal UHD TV:560|LG 32" HD Smart TV:220|LG 50" 4K NanoCell TV:520|TCL 40" Android TV:240|TCL 65" QLED Google TV:780|Sony Bravia 55" 4K:900|Syinix 32" Frameless LED TV:120|Skyworth 43" Android TV:260|Vitron 24" LED TV:90|Polystar 32" LED TV:130`,
        ),
        about: [
          'Netflix, YouTube and Showmax built in.',
          'Free wall bracket and installation in the city.',
          'Low power use, works well with solar and inverters.',
          'Built-in digital decoder for free-to-air channels.',
        ],
      },
      {
        slug: 'audio',
        name: 'Audio & Headphones',
        icon: 'headphones',
        weight: 1.5,
        axes: [AX.colour],
        items: items(
          `Oraimo FreePods Lite:20|JBL Tune 520BT Headphones:55|JBL Flip 6 Speaker:130|JBL Go 3 Speaker:45|Sony WH-CH520 Headphones:60|Apple AirPods (3rd Gen):190|Samsung Galaxy Buds FE:95|Anker Soundcore Life Q30:80|Sayona Bluetooth Speaker:25|LG XBoom Party Speaker:350|Hisense 2.1ch Soundbar:120|Vitron Home Theatre System:110`,
        ),
        about: [
          'Deep bass and clear vocals.',
          'Bluetooth 5.3 with up to 30 hours of playback.',
          'Water resistant, good for outdoor parties.',
        ],
      },
      {
        slug: 'cameras',
        name: 'Cameras & CCTV',
        icon: 'camera',
        weight: 0.7,
        axes: [],
        items: items(
          `Canon EOS 2000D with 18-55mm:480|Nikon D3500 Kit:520|Sony ZV-E10 Vlog Camera:700|GoPro HERO12 Black:420|Fujifilm Instax Mini 12:85|Canon EF 50mm f/1.8 Lens:130|4K Action Camera:55|Smart Wi-Fi CCTV Camera:30|Hikvision 4-Channel CCTV Kit:210|Ring Light Tripod Stand 2.1m:18`,
        ),
        about: [
          'Great for events, content creation and security.',
          'View live from your phone anywhere.',
          'Comes with memory card and carrying bag.',
        ],
      },
      {
        slug: 'solar-power',
        name: 'Solar & Power',
        icon: 'sun',
        weight: 1.5,
        axes: [],
        items: items(
          `200W Monocrystalline Solar Panel:95|400W Solar Panel:170|1.5kVA Pure Sine Wave Inverter:280|3.5kVA Hybrid Inverter:560|200Ah Tubular Battery:260|100Ah Lithium Battery 12V:380|60A MPPT Charge Controller:120|Solar Home Kit with 4 Bulbs:60|Sun King Boom Solar Radio Kit:90|Rechargeable Solar Lantern:12|100W Solar Street Light:45|Elepaq 3.5kVA Petrol Generator:230|Sumec Firman 2.5kVA Generator:320|Binatone Voltage Stabiliser 5000W:70`,
        ),
        about: [
          'Keeps lights, fans and TV running through power cuts.',
          'Installation by our certified technicians on request.',
          'Pure sine wave output, safe for sensitive electronics.',
          'Cuts fuel costs from day one.',
        ],
      },
      {
        slug: 'gaming',
        name: 'Gaming',
        icon: 'gamepad',
        weight: 0.8,
        axes: [],
        items: items(
          `Sony PlayStation 5 Slim:620|Sony PS4 Slim 1TB (Used):260|DualSense Wireless Controller:75|Xbox Series S 512GB:340|Xbox Wireless Controller:65|Nintendo Switch OLED:380|EA Sports FC 25 (PS5):65|Gaming Headset with Mic:25|Gaming Chair with Footrest:150|Retro Handheld Game Console:25`,
        ),
        about: [
          'Comes with two games installed.',
          'Original controllers, tested before dispatch.',
          'Perfect for game centres and home.',
        ],
      },
    ],
  },
  {
    slug: 'fashion',
    name: 'Fashion',
    weight: 20,
    title: STYLE_TITLE,
    facts: STYLE_FACTS,
    hue: 330,
    leaves: [
      {
        slug: 'womens-clothing',
        name: "Women's Clothing",
        icon: 'dress',
        weight: 3,
        axes: [AX.size, AX.colour],
        items: items(
          `Ankara Wrap Dress:28|Ankara Peplum Top:18|Bodycon Midi Dress:22|High-Waist Palazzo Trousers:17|Adire Kimono Jacket:30|Chiffon Maxi Dress:25|Skinny Fit Denim Jeans:20|Lace Iro and Buba Set:75|Kaftan Abaya:35|Floral Blouse:14|Two-Piece Lounge Set:24|Pleated Midi Skirt:16`,
        ),
        about: [
          'Soft, breathable fabric for warm weather.',
          'Made from 100% cotton wax print.',
          'Perfect for church, weddings and owambe.',
          'Flattering fit with a side zip.',
        ],
      },
      {
        slug: 'mens-clothing',
        name: "Men's Clothing",
        icon: 'shirt',
        weight: 2.5,
        axes: [AX.size, AX.colour],
        items: items(
          `Senator Kaftan Suit:60|Agbada 3-Piece Set:120|Dashiki Shirt:18|Slim Fit Chinos:20|Cotton Polo Shirt:12|Plain Crew-Neck T-Shirt:7|Oxford Long-Sleeve Shirt:18|Kitenge Short-Sleeve Shirt:22|Two-Piece Suit:110|Denim Jacket:30|Jogger Trousers:15|Kanzu with Coat:70|Galabeya:25`,
        ),
        about: [
          'Tailored fit with quality stitching.',
          'Breathable cotton that keeps its colour after washing.',
          'Ideal for Fridays, weddings and the office.',
        ],
      },
      {
        slug: 'shoes',
        name: 'Shoes',
        icon: 'shoe',
        weight: 2.5,
        axes: [AX.shoeSize, AX.colour],
        items: items(
          `Nike Air Force 1 '07:110|Adidas Samba OG:100|New Balance 550:120|Leather Oxford Shoes:45|Men's Leather Palm Slippers:18|Women's Block Heel Sandals:25|Ladies' Pointed Pumps:28|Canvas Sneakers:15|Bata Toughees School Shoes:20|Crocs Classic Clog:50|Maasai Beaded Sandals:20|Timberland 6-Inch Boots:170|Flip-Flops:5`,
        ),
        about: ['Cushioned insole for all-day comfort.', 'Genuine leather upper, hand-stitched sole.', 'Non-slip outsole.'],
      },
      {
        slug: 'bags',
        name: 'Bags & Luggage',
        icon: 'bag',
        weight: 1.2,
        axes: [AX.colour],
        items: items(
          `Leather Tote Bag:40|Ankara Handbag:18|Bolga Straw Basket Bag:25|Crossbody Sling Bag:15|Travel Duffel Bag:30|School Backpack:15|Leather Briefcase:55|Clutch Purse:12|Kiondo Sisal Bag:22|Trolley Luggage 24":60`,
        ),
        about: ['Roomy with inner zip pockets.', 'Handwoven by artisans.', 'Strong handles and a durable lining.'],
      },
      {
        slug: 'jewellery-watches',
        name: 'Jewellery & Watches',
        icon: 'ring',
        weight: 1.2,
        axes: [AX.colour],
        items: items(
          `Waist Beads (Set of 3):6|Maasai Beaded Necklace:12|Krobo Bead Bracelet:8|Gold-Plated Hoop Earrings:10|Sterling Silver Pendant Necklace:35|Casio Classic Quartz Watch:30|Casio G-Shock GA-2100:110|Fossil Grant Chronograph:140|Smart Watch Fitness Tracker:25|Apple Watch SE (2nd Gen):260|Xiaomi Smart Band 8:40|Cowrie Shell Anklet:5`,
        ),
        about: ['Comes in a gift box.', 'Does not tarnish or irritate the skin.', 'Handmade beads, each piece slightly unique.'],
      },
      {
        slug: 'african-prints',
        name: 'African Prints & Fabrics',
        icon: 'cloth',
        weight: 1.5,
        axes: [AX.print],
        items: items(
          `Ankara Print Fabric 6 Yards:20|Hollandais Wax Print 6 Yards:60|Kente Cloth Stole:45|Handwoven Kente Full Piece:250|Adire Tie-Dye Fabric 2 Yards:15|Kitenge Fabric 6 Yards:18|Kikoi Beach Wrap:14|Maasai Shuka Blanket:16|Bogolan Mud Cloth:40|Swiss Voile Lace 5 Yards:90|George Wrapper Fabric:70|Aso Oke Gele Headtie:30`,
        ),
        about: [
          'Vibrant colours that do not run.',
          'Woven in Bonwire by master weavers.',
          'Enough fabric for a dress and headwrap.',
          '100% cotton, pre-washed.',
        ],
      },
    ],
  },
  {
    slug: 'health-beauty',
    name: 'Health & Beauty',
    weight: 12,
    title: PLAIN_TITLE,
    facts: HOME_FACTS,
    hue: 20,
    leaves: [
      {
        slug: 'skincare',
        name: 'Skincare',
        icon: 'jar',
        weight: 1.5,
        axes: [AX.pack],
        items: items(
          `Shea Butter 500ml:7|Raw African Black Soap 250g:4|Nivea Perfect & Radiant Lotion 400ml:8|Vaseline Cocoa Glow Lotion 400ml:6|Cetaphil Gentle Skin Cleanser 250ml:15|CeraVe Moisturising Cream 340g:20|Neutrogena Hydro Boost Gel:18|Dudu-Osun Black Soap:2|Vitamin C Serum 30ml:12|Sunscreen SPF 50 100ml:14|Cold-Pressed Coconut Oil 500ml:6|Bio-Oil 125ml:15`,
        ),
        about: [
          'Unrefined and natural, for dry skin and hair.',
          'Suitable for all skin types, including sensitive skin.',
          'Fades dark spots and evens skin tone.',
          'Made from shea nuts collected by women co-operatives in northern Ghana.',
        ],
      },
      {
        slug: 'hair-care',
        name: 'Hair Care & Wigs',
        icon: 'bottle',
        weight: 1.5,
        axes: [AX.length],
        items: items(
          `Human Hair Bone Straight Wig:180|Human Hair Bob Wig:90|Synthetic Curly Wig:25|X-pression Braiding Hair:3|Darling Braids Extensions:5|Cantu Shea Butter Leave-In Conditioner:10|ORS Olive Oil Hair Lotion:7|Hair Food Pomade 250g:3|Jamaican Black Castor Oil 118ml:9|Ampro Styling Gel:4|Edge Control Gel:5|Wig Cap and Lace Glue Kit:8|Satin Bonnet:4`,
        ),
        about: [
          '100% human hair, can be dyed and bleached.',
          'Soft and tangle-free.',
          'Moisturises and strengthens natural hair.',
        ],
      },
      {
        slug: 'makeup',
        name: 'Makeup',
        icon: 'lipstick',
        weight: 1.2,
        axes: [AX.shade],
        items: items(
          `Fenty Beauty Pro Filt'r Foundation:40|Maybelline Fit Me Foundation:12|Black Opal Powder Foundation:16|Zaron Matte Lipstick:6|House of Tara Lip Gloss:7|MAC Ruby Woo Lipstick:24|Huda Beauty Eyeshadow Palette:65|Sleek MakeUP Blush:10|Eyelash Extensions (10 Pairs):5|Setting Spray 100ml:9|Makeup Brush Set 12pcs:10|Maybelline Lash Sensational Mascara:11`,
        ),
        about: [
          'Shades made for melanin-rich skin.',
          'Long-lasting and sweat resistant.',
          'Original, with batch number on the box.',
        ],
      },
      {
        slug: 'fragrances',
        name: 'Fragrances',
        icon: 'perfume',
        weight: 1,
        axes: [AX.volume],
        items: items(
          `Dior Sauvage EDT:150|Chanel Coco Mademoiselle EDP:170|Lattafa Khamrah EDP:40|Lattafa Asad EDP:30|Arabian Oud Body Spray:8|Rasasi Hawas:55|Armaf Club de Nuit Intense:45|Zara Red Temptation:25|Victoria's Secret Bombshell Mist:25|Oud Perfume Oil:10`,
        ),
        about: [
          'Long-lasting scent, up to 12 hours.',
          'Original, sealed with its cellophane.',
          'Notes of oud, vanilla and amber.',
        ],
      },
      {
        slug: 'personal-care',
        name: 'Personal Care',
        icon: 'bottle',
        weight: 1.2,
        axes: [AX.pack],
        items: items(
          `Oral-B Toothbrush Pack:4|Close-Up Toothpaste 140g:2|Always Ultra Sanitary Pads:3|Gillette Mach3 Razor:8|Dettol Antiseptic Liquid 500ml:6|Rexona Roll-On 50ml:3|Philips Beard Trimmer:30|Rechargeable Hair Clipper:18|Digital Blood Pressure Monitor:30|Infrared Thermometer:15|First Aid Kit:12|Hand Sanitiser 500ml:4`,
        ),
        about: ['Everyday essential for the whole family.', 'Trusted brand, original product.', 'Bulk packs save more.'],
      },
    ],
  },
  {
    slug: 'home-kitchen',
    name: 'Home & Kitchen',
    weight: 12,
    title: PLAIN_TITLE,
    facts: HOME_FACTS,
    hue: 35,
    leaves: [
      {
        slug: 'cookware',
        name: 'Cookware & Dining',
        icon: 'pot',
        weight: 1.2,
        axes: [AX.colour],
        items: items(
          `Non-Stick Frying Pan 28cm:15|Stainless Steel Pot Set 5pcs:45|Aluminium Sufuria Set:25|Cast Iron Dutch Oven:40|Pressure Cooker 7L:35|Tupperware Food Storage Set:20|Kitchen Knife Set with Block:18|Ceramic Dinner Set 24pcs:50|Wooden Mortar and Pestle:10|Food Flask Warmer 3.5L:18|Glass Water Jug Set:12|Cast Iron Potjie Pot No. 3:45`,
        ),
        about: [
          'Heats evenly and is easy to clean.',
          'Works on gas, electric and charcoal.',
          'Keeps food hot for hours, perfect for parties.',
        ],
      },
      {
        slug: 'small-appliances',
        name: 'Small Appliances',
        icon: 'blender',
        weight: 1.5,
        axes: [AX.colour],
        items: items(
          `Binatone Blender 1.5L:35|Nexus 2-in-1 Blender:30|Ramtons Electric Kettle 1.7L:15|Kenwood 2-Slice Toaster:25|Philips Air Fryer 4.1L:95|Silver Crest 8L Air Fryer:75|Scanfrost Microwave 20L:80|Ramtons Rice Cooker 1.8L:30|Sokany Hand Mixer:15|Electric Yam Pounder:70|Philips Steam Iron:25|Nexus 2-Burner Gas Cooker:40|Standing Fan 18 inch:30|Rechargeable Fan 16 inch:45`,
        ),
        about: [
          'Powerful motor that grinds pepper, tomatoes and beans.',
          'Energy saving, works on a small inverter.',
          'One-year warranty with local service centres.',
        ],
      },
      {
        slug: 'appliances',
        name: 'Fridges, Freezers & ACs',
        icon: 'fridge',
        weight: 1,
        axes: [],
        items: items(
          `Hisense 150L Chest Freezer:250|Haier Thermocool 200L Chest Freezer:320|Scanfrost Double Door Fridge 240L:380|LG Front Load Washing Machine 8kg:500|Nexus Twin Tub Washing Machine 7kg:220|Samsung 1.5HP Inverter Split AC:520|Midea 1HP Split AC:380|Bruhm Water Dispenser:120|Defy Top Freezer Fridge 220L:420`,
        ),
        about: [
          'Keeps food frozen for up to 50 hours without power.',
          'Inverter compressor cuts electricity bills.',
          'Free delivery and installation in the city.',
        ],
      },
      {
        slug: 'furniture',
        name: 'Furniture',
        icon: 'chair',
        weight: 1,
        axes: [AX.colour],
        items: items(
          `3-Seater Fabric Sofa:350|L-Shaped Corner Sofa:700|Plastic Chairs (Set of 4):35|Ergonomic Office Chair:90|Study Desk with Drawers:70|6-Seater Dining Table Set:480|TV Stand Console:85|Wooden Wardrobe 3-Door:260|Shoe Rack 5-Tier:20|Bookshelf 5-Tier:45`,
        ),
        about: ['Solid hardwood frame built to last.', 'Easy to assemble, tools included.', 'Made to order by local carpenters.'],
      },
      {
        slug: 'bedding-bath',
        name: 'Bedding & Bath',
        icon: 'bed',
        weight: 1,
        axes: [AX.bedSize],
        items: items(
          `Vitafoam Orthopaedic Mattress:300|Mouka Foam Mattress:180|Duvet Set with Pillowcases:30|Bedsheet Set 4pcs:18|Treated Mosquito Net:10|Bath Towel Set 3pcs:15|Memory Foam Pillow:14|Fleece Blanket:12`,
        ),
        about: ['Soft, breathable cotton.', 'Firm support for a healthy back.', 'Long-lasting insecticide treatment.'],
      },
      {
        slug: 'home-decor',
        name: 'Décor & Lighting',
        icon: 'lamp',
        weight: 1,
        axes: [AX.colour],
        items: items(
          `LED Bulb 12W (Pack of 4):6|Rechargeable LED Lamp:10|Modern Wall Clock:12|Artificial Plant in Pot:15|Throw Pillow Covers (Set of 4):12|Framed African Art Print:30|Blackout Curtains (2 Panels):25|Area Rug 160x230cm:60|Scented Candle Set:12|Wooden Serving Tray:14|Kente Table Runner:15`,
        ),
        about: ['Brightens up any living room.', 'Handmade by local artisans.', 'Easy to hang, fittings included.'],
      },
    ],
  },
  {
    slug: 'groceries',
    name: 'Groceries',
    weight: 12,
    title: PLAIN_TITLE,
    facts: FOOD_FACTS,
    hue: 100,
    leaves: [
      {
        slug: 'staples',
        name: 'Rice, Flour & Staples',
        icon: 'sack',
        weight: 1.5,
        axes: [AX.pack],
        items: items(
          `Mama Gold Rice 50kg:75|Royal Stallion Parboiled Rice 25kg:40|Basmati Rice 5kg:12|Dangote Spaghetti 500g:1|Golden Penny Semovita 10kg:14|Honeywell Wheat Meal 2kg:4|Ijebu Garri 5kg:6|Jogoo Maize Meal 2kg:2|Pembe Maize Flour 2kg:2|Ace Roots Poundo Yam 1.8kg:6|Honey Beans (Oloyin) 5kg:10|Attiéké Séché 1kg:3|Iwisa Super Maize Meal 10kg:9|Egyptian Rice 5kg:6`,
        ),
        about: ['Stone-free and well cleaned.', 'Cooks fast and swells well.', 'Bulk bags for families and restaurants.'],
      },
      {
        slug: 'cooking-essentials',
        name: 'Oils, Spices & Sauces',
        icon: 'bottle',
        weight: 1.3,
        axes: [AX.pack],
        items: items(
          `Kings Vegetable Oil 5L:12|Power Oil 3L:8|Golden Fry Cooking Oil 5L:10|Red Palm Oil 4L:9|Maggi Star Cubes (100 Pack):3|Knorr Chicken Cubes (60 Pack):3|Gino Tomato Paste 70g:0.4|Royco Mchuzi Mix 500g:3|Suya Spice (Yaji) 250g:3|Ducros Curry Powder 100g:2|Shito Hot Pepper Sauce 500ml:5|Peri-Peri Sauce 250ml:4|Dukkah Spice Mix 200g:4|Ground Crayfish 500g:6|Iodised Salt 1kg:1`,
        ),
        about: ['Cholesterol free.', 'Authentic taste for jollof, stews and soups.', 'Sealed for freshness.'],
      },
      {
        slug: 'beverages',
        name: 'Beverages',
        icon: 'can',
        weight: 1.3,
        axes: [AX.pack],
        items: items(
          `Milo Refill 1kg:10|Peak Full Cream Milk Powder 900g:10|Nescafé Classic 200g:8|Lipton Yellow Label Tea (100 Bags):4|Kenya AA Coffee Beans 500g:12|Ketepa Pride Tea 500g:3|Coca-Cola 50cl:0.5|Malta Guinness Can:0.7|Hollandia Yoghurt 1L:2|Zobo Drink 1L:2|Bottled Water 75cl:0.3|Tropicana Orange Juice 1L:3|Rooibos Tea (80 Bags):5|Cocoa Powder 500g:5`,
        ),
        about: ['Best served chilled.', 'Rich in vitamins and minerals.', 'Freshly roasted and packed.'],
      },
      {
        slug: 'snacks',
        name: 'Snacks & Sweets',
        icon: 'box',
        weight: 1,
        axes: [AX.pack],
        items: items(
          `Cabin Biscuits:1|Gala Sausage Roll:0.4|Pringles Original 165g:4|Digestive Biscuits 400g:3|Plantain Chips 100g:0.8|Chin Chin 500g:4|Kuli Kuli 500g:3|Roasted Groundnuts 1kg:5|Cadbury Dairy Milk 80g:2|Haribo Goldbears 160g:3|Simba Chips 125g:2|Beef Biltong 250g:12|Nutella 750g:9|Peanut Butter 500g:4`,
        ),
        about: ['Crunchy and freshly made.', 'Great for school lunch boxes.', 'No artificial preservatives.'],
      },
      {
        slug: 'household-supplies',
        name: 'Household Supplies',
        icon: 'spray',
        weight: 1,
        axes: [AX.pack],
        items: items(
          `Ariel Washing Powder 2kg:6|Omo Multi-Active 1kg:3|Morning Fresh Dishwashing Liquid 900ml:3|Harpic Toilet Cleaner 750ml:3|Jik Bleach 1L:2|Sunlight Bar Soap:0.7|Baygon Insecticide Spray 600ml:5|Mortein Doom 300ml:4|Toilet Roll (Pack of 10):5|Kitchen Towels (4 Rolls):4|Air Freshener Aerosol:3|Refuse Bags (30):3|Mop and Bucket Set:15`,
        ),
        about: [
          'Removes tough stains in one wash.',
          'Kills mosquitoes and cockroaches fast.',
          'Economy size for the whole household.',
        ],
      },
    ],
  },
  {
    slug: 'baby-kids',
    name: 'Baby & Kids',
    weight: 6,
    title: PLAIN_TITLE,
    facts: HOME_FACTS,
    hue: 280,
    leaves: [
      {
        slug: 'diapers-wipes',
        name: 'Diapers & Wipes',
        icon: 'diaper',
        weight: 1.2,
        axes: [AX.diaperSize],
        noAxes: /Wipes/,
        items: items(
          `Pampers Baby-Dry Jumbo Pack:22|Huggies Dry Comfort (72):18|Molfix Diapers Jumbo Pack:15|Dry Love Diapers:10|Softcare Diapers:12|Pampers Premium Care:18|Huggies Pure Baby Wipes (3 x 56):6|Cussons Baby Wipes 64:2`,
        ),
        about: ['Up to 12 hours of dryness.', 'Soft and gentle on baby skin.', 'Wetness indicator shows when to change.'],
      },
      {
        slug: 'baby-food',
        name: 'Baby Food & Feeding',
        icon: 'can',
        weight: 1,
        axes: [],
        items: items(
          `Nan Optipro 1 400g:14|SMA Gold Stage 1 900g:22|Cerelac Wheat & Milk 400g:6|Lactogen 1 400g:10|Aptamil 1 800g:28|Baby Rice Cereal:5|Nestlé Nestum 3 Cereals:6|Avent Feeding Bottle Set:15|Electric Bottle Steriliser:40`,
        ),
        about: ['Original stock with a long expiry date.', 'Enriched with iron and vitamins.', 'BPA free.'],
      },
      {
        slug: 'toys',
        name: 'Toys & Games',
        icon: 'teddy',
        weight: 1,
        axes: [AX.colour],
        items: items(
          `Teddy Bear 60cm:15|LEGO Classic Creative Box:30|Remote Control Car:25|Kids Bicycle 16 inch:70|Building Blocks 100pcs:12|Ludo and Snakes & Ladders Board:5|Ayo Wooden Game Board:15|Scrabble Original:30|Barbie Fashion Doll:25|Play-Doh 10 Pack:12|Baby Walker with Music:40|Africa Map Jigsaw Puzzle 500pcs:12`,
        ),
        about: ['Safe, non-toxic materials.', 'Builds creativity and problem-solving skills.', 'Batteries included.'],
      },
      {
        slug: 'kids-clothing',
        name: "Kids' Clothing & School",
        icon: 'shirt',
        weight: 1.2,
        axes: [AX.kidSize, AX.colour],
        items: items(
          `School Uniform Set:15|Kids Ankara Dress:14|Baby Romper 3-Pack:12|Boys Dashiki Set:16|Girls Party Dress:20|Kids Sneakers:18|School Sweater:10|School Bag with Wheels:22|Soft Sole Baby Shoes:8|Kids Pyjamas Set:10`,
        ),
        about: ['Soft cotton, easy to wash.', 'Strong stitching for active children.', 'Sizes for every age.'],
      },
    ],
  },
  {
    slug: 'sports-outdoors',
    name: 'Sports & Outdoors',
    weight: 6,
    title: STYLE_TITLE,
    facts: HOME_FACTS,
    hue: 150,
    leaves: [
      {
        slug: 'fitness',
        name: 'Fitness',
        icon: 'dumbbell',
        weight: 1,
        axes: [AX.weight],
        items: items(
          `Adjustable Dumbbell Set:45|Yoga Mat 6mm:12|Skipping Rope:4|Resistance Bands Set:10|Foldable Treadmill:450|Exercise Bike:220|Kettlebell:30|Ab Roller Wheel:8|Gym Gloves:6|Whey Protein 2.27kg:60|Adjustable Weight Bench:110`,
        ),
        about: ['Train at home without a gym membership.', 'Solid build for daily workouts.', 'Non-slip grip.'],
      },
      {
        slug: 'football',
        name: 'Football & Team Sports',
        icon: 'ball',
        weight: 1.2,
        axes: [AX.size],
        items: items(
          `Adidas Football:25|Nike Strike Football:22|Super Eagles Home Jersey 2026:60|Harambee Stars Jersey:45|Black Stars Jersey 2026:50|Bafana Bafana Home Jersey:55|Pharaohs Home Jersey:45|Éléphants Côte d'Ivoire Jersey:55|Firm Ground Football Boots:45|Shin Guards:6|Goalkeeper Gloves:15|Basketball Size 7:20|Volleyball:15|Training Cones (Set of 20):8`,
        ),
        about: ['Official match quality.', 'Breathable fabric that wicks sweat.', 'Great for schools and Sunday leagues.'],
      },
      {
        slug: 'bicycles',
        name: 'Bicycles',
        icon: 'bike',
        weight: 0.6,
        axes: [AX.colour],
        items: items(
          `Mountain Bike 26 inch:180|Roadmaster Bicycle:150|Phoenix Black Mamba Roadster:110|BMX Bike 20 inch:120|Electric Bicycle 36V:650|Bicycle Helmet:18|Bicycle Lock:8|Bike Pump:10`,
        ),
        about: ['Strong steel frame for rough roads.', 'Assembled and tuned before delivery.', 'Carries heavy loads with ease.'],
      },
      {
        slug: 'camping-outdoor',
        name: 'Camping & Braai',
        icon: 'tent',
        weight: 0.6,
        axes: [],
        items: items(
          `4-Person Camping Tent:60|Sleeping Bag:25|Foldable Camping Chair:15|Cooler Box 50L:45|Weber Kettle Braai 57cm:200|Cadac Gas Braai:160|Charcoal 10kg Bag:6|Rechargeable LED Torch:8|Hiking Backpack 45L:40|Beach Umbrella:25|Fishing Rod Combo:35`,
        ),
        about: [
          'Weather resistant and easy to set up.',
          'Perfect for weekends away and braais.',
          'Light enough to carry on long hikes.',
        ],
      },
    ],
  },
];

/** Search phrases shoppers type, most popular first (used by benchmarks and e2e tests). */
export const SEARCH_QUERIES = [
  'samsung',
  'iphone',
  'tecno',
  'infinix',
  'ankara',
  'shea butter',
  'rice',
  'laptop',
  'tv',
  'solar panel',
  'wig',
  'sneakers',
  'dress',
  'power bank',
  'blender',
  'inverter',
  'perfume',
  'diapers',
  'jersey',
  'hp laptop',
  'jbl speaker',
  'air fryer',
  'kente',
  'black soap',
  'macbook',
  'redmi',
  'oraimo',
  'freezer',
  'sofa',
  'football',
  'tecno spark',
  'galaxy a15',
  'hisense 43',
  'lattafa',
  'milo',
  'garri',
  'cooking oil',
  'agbada',
  'kaftan',
  'watch',
  'playstation',
  'mattress',
  'generator',
  'lipstick',
  'foundation',
  'school bag',
  'braai',
  'yoga mat',
  'bicycle',
  'printer',
];
/** Prefixes typed into the search box, most popular first. */
export const SUGGEST_PREFIXES = [
  'sam',
  'ip',
  'tec',
  'inf',
  'ank',
  'she',
  'ric',
  'lap',
  'sol',
  'wi',
  'sne',
  'dre',
  'pow',
  'ble',
  'inv',
  'per',
  'dia',
  'jer',
  'hp',
  'jb',
  'air',
  'ken',
  'bla',
  'mac',
  'red',
  'ora',
  'fre',
  'so',
  'foo',
  'gal',
  'his',
  'lat',
  'mi',
  'gar',
];
