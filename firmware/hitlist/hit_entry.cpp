#include "hitlist/hit_entry.hpp"

namespace anpr::hitlist {

std::string_view category_name(Category category) {
    switch (category) {
        case Category::stolen_vehicle:
            return "stolen_vehicle";
        case Category::wanted_person:
            return "wanted_person";
        case Category::no_insurance:
            return "no_insurance";
        case Category::no_technical_inspection:
            return "no_technical_inspection";
        case Category::low_emission_zone:
            return "low_emission_zone";
        case Category::watch:
            break;
    }
    return "watch";
}

std::optional<Category> category_named(std::string_view name) {
    for (const Category category : kCategories) {
        if (category_name(category) == name) return category;
    }
    return std::nullopt;
}

}  // namespace anpr::hitlist
