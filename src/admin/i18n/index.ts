import en from "./json/en.json"

export default {
  en: {
    translation: en,
  },
}
