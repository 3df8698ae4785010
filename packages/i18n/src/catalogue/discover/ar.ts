import type { discoverEn } from './en';

export const discoverAr = {
  'discover.product.also_viewed': 'المتسوقون الذين شاهدوا هذا شاهدوا أيضًا',
  'discover.search.count_at_least': 'أكثر من {count} منتج',
  'discover.synonyms.title': 'مرادفات البحث',
  'discover.synonyms.help':
    'البحث عن الكلمة يجد مرادفاتها أيضًا. خيار «في الاتجاهين» يجعل كل مرادف من كلمة واحدة يجد الكلمة أيضًا. تسري التغييرات على البحث فورًا.',
  'discover.synonyms.term': 'الكلمة',
  'discover.synonyms.synonyms': 'المرادفات (مفصولة بفواصل)',
  'discover.synonyms.two_way': 'في الاتجاهين',
  'discover.synonyms.add': 'إضافة مجموعة',
  'discover.synonyms.remove': 'حذف',
  'discover.synonyms.none': 'لا توجد مرادفات بعد.',
  'discover.synonyms.invalid': 'تحقق من الكلمة والمرادفات: حروف وأرقام، من 2 إلى 40 حرفًا، والكلمة كلمة واحدة.',
  'discover.synonyms.missing': 'هذه الكلمة ليس لها مرادفات (ربما حُذفت في الأثناء).',
  'discover.synonyms.saved': 'حُفظت المرادفات: البحث يستخدمها الآن.',
  'discover.synonyms.removed': 'حُذفت مجموعة المرادفات.',
} satisfies Record<keyof typeof discoverEn, string>;
