#include "features/tags/vocabulary.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace lv {
namespace {

#define N nullptr
#define NOPHRASE {N, N}, {N, N}, {N, N}, false, N, N

// key, parent, {en, es, ja, pt, zh}, en, es, pt, pt feminine, ja counter, zh classifier
const Concept kConcepts[] = {
    // People and faces.
    {"person", N, {"person", "persona", "人", "pessoa", "人"}, {"a person", "people"}, {"una persona", "personas"}, {"uma pessoa", "pessoas"}, true, "人", "个"},
    {"human face", N, {"human face", "cara humana", "人間の顔", "rosto humano", "人脸"}, {"a face", "faces"}, {"una cara", "caras"}, {"um rosto", "rostos"}, false, "つ", "张"},
    // Parents of the COCO classes (Azure's object hierarchy).
    {"animal", N, {"animal", "animal", "動物", "animal", "动物"}, {"an animal", "animals"}, {"un animal", "animales"}, {"um animal", "animais"}, false, "匹", "只"},
    {"mammal", "animal", {"mammal", "mamífero", "哺乳類", "mamífero", "哺乳动物"}, NOPHRASE},
    {"vehicle", N, {"vehicle", "vehículo", "乗り物", "veículo", "车辆"}, {"a vehicle", "vehicles"}, {"un vehículo", "vehículos"}, {"um veículo", "veículos"}, false, "台", "辆"},
    {"land vehicle", "vehicle", {"land vehicle", "vehículo terrestre", "陸上車両", "veículo terrestre", "陆地车辆"}, NOPHRASE},
    {"aircraft", "vehicle", {"aircraft", "aeronave", "航空機", "aeronave", "飞机"}, NOPHRASE},
    {"watercraft", "vehicle", {"watercraft", "embarcación", "船舶", "embarcação", "船只"}, NOPHRASE},
    {"food", N, {"food", "comida", "食べ物", "comida", "食物"}, NOPHRASE},
    {"fruit", "food", {"fruit", "fruta", "果物", "fruta", "水果"}, NOPHRASE},
    {"vegetable", "food", {"vegetable", "verdura", "野菜", "legume", "蔬菜"}, NOPHRASE},
    {"furniture", N, {"furniture", "mueble", "家具", "mobília", "家具"}, NOPHRASE},
    {"seating", "furniture", {"seating", "asiento", "座席", "assento", "座位"}, NOPHRASE},
    {"electronic device", N, {"electronic device", "dispositivo electrónico", "電子機器", "dispositivo eletrônico", "电子设备"}, NOPHRASE},
    {"computer", "electronic device", {"computer", "computadora", "コンピューター", "computador", "电脑"}, NOPHRASE},
    {"home appliance", N, {"home appliance", "electrodoméstico", "家電", "eletrodoméstico", "家用电器"}, NOPHRASE},
    {"kitchen appliance", "home appliance", {"kitchen appliance", "electrodoméstico de cocina", "キッチン家電", "eletrodoméstico de cozinha", "厨房电器"}, NOPHRASE},
    {"tableware", N, {"tableware", "vajilla", "食器", "louça", "餐具"}, NOPHRASE},
    {"drinkware", "tableware", {"drinkware", "cristalería", "飲料用容器", "copos", "饮具"}, NOPHRASE},
    {"cutlery", "tableware", {"cutlery", "cubiertos", "カトラリー", "talheres", "刀叉餐具"}, NOPHRASE},
    {"traffic sign", N, {"traffic sign", "señal de tráfico", "交通標識", "placa de trânsito", "交通标志"}, NOPHRASE},
    {"clothing", N, {"clothing", "ropa", "衣類", "roupa", "服装"}, NOPHRASE},
    {"luggage", N, {"luggage", "equipaje", "荷物", "bagagem", "行李"}, NOPHRASE},
    {"plant", N, {"plant", "planta", "植物", "planta", "植物"}, NOPHRASE},
    {"tool", N, {"tool", "herramienta", "道具", "ferramenta", "工具"}, NOPHRASE},
    {"sports equipment", N, {"sports equipment", "equipo deportivo", "スポーツ用品", "equipamento esportivo", "体育用品"}, NOPHRASE},
    {"bag", N, {"bag", "bolso", "バッグ", "bolsa", "包"}, NOPHRASE},
    {"toy", N, {"toy", "juguete", "おもちゃ", "brinquedo", "玩具"}, NOPHRASE},
    // COCO-80.
    {"bicycle", "land vehicle", {"bicycle", "bicicleta", "自転車", "bicicleta", "自行车"}, {"a bicycle", "bicycles"}, {"una bicicleta", "bicicletas"}, {"uma bicicleta", "bicicletas"}, true, "台", "辆"},
    {"car", "land vehicle", {"car", "coche", "車", "carro", "汽车"}, {"a car", "cars"}, {"un coche", "coches"}, {"um carro", "carros"}, false, "台", "辆"},
    {"motorcycle", "land vehicle", {"motorcycle", "motocicleta", "オートバイ", "motocicleta", "摩托车"}, {"a motorcycle", "motorcycles"}, {"una motocicleta", "motocicletas"}, {"uma motocicleta", "motocicletas"}, true, "台", "辆"},
    {"airplane", "aircraft", {"airplane", "avión", "飛行機", "avião", "飞机"}, {"an airplane", "airplanes"}, {"un avión", "aviones"}, {"um avião", "aviões"}, false, "機", "架"},
    {"bus", "land vehicle", {"bus", "autobús", "バス", "ônibus", "公共汽车"}, {"a bus", "buses"}, {"un autobús", "autobuses"}, {"um ônibus", "ônibus"}, false, "台", "辆"},
    {"train", "land vehicle", {"train", "tren", "電車", "trem", "火车"}, {"a train", "trains"}, {"un tren", "trenes"}, {"um trem", "trens"}, false, "台", "列"},
    {"truck", "land vehicle", {"truck", "camión", "トラック", "caminhão", "卡车"}, {"a truck", "trucks"}, {"un camión", "camiones"}, {"um caminhão", "caminhões"}, false, "台", "辆"},
    {"boat", "watercraft", {"boat", "barco", "ボート", "barco", "船"}, {"a boat", "boats"}, {"un barco", "barcos"}, {"um barco", "barcos"}, false, "隻", "艘"},
    {"traffic light", N, {"traffic light", "semáforo", "信号機", "semáforo", "红绿灯"}, {"a traffic light", "traffic lights"}, {"un semáforo", "semáforos"}, {"um semáforo", "semáforos"}, false, "つ", "个"},
    {"fire hydrant", N, {"fire hydrant", "boca de incendios", "消火栓", "hidrante", "消防栓"}, {"a fire hydrant", "fire hydrants"}, {"una boca de incendios", "bocas de incendios"}, {"um hidrante", "hidrantes"}, false, "つ", "个"},
    {"stop sign", "traffic sign", {"stop sign", "señal de alto", "一時停止標識", "placa de pare", "停车标志"}, {"a stop sign", "stop signs"}, {"una señal de alto", "señales de alto"}, {"uma placa de pare", "placas de pare"}, true, "つ", "个"},
    {"parking meter", N, {"parking meter", "parquímetro", "パーキングメーター", "parquímetro", "停车计时器"}, {"a parking meter", "parking meters"}, {"un parquímetro", "parquímetros"}, {"um parquímetro", "parquímetros"}, false, "台", "个"},
    {"bench", "seating", {"bench", "banco", "ベンチ", "banco", "长椅"}, {"a bench", "benches"}, {"un banco", "bancos"}, {"um banco", "bancos"}, false, "つ", "张"},
    {"bird", "animal", {"bird", "pájaro", "鳥", "pássaro", "鸟"}, {"a bird", "birds"}, {"un pájaro", "pájaros"}, {"um pássaro", "pássaros"}, false, "羽", "只"},
    {"cat", "mammal", {"cat", "gato", "猫", "gato", "猫"}, {"a cat", "cats"}, {"un gato", "gatos"}, {"um gato", "gatos"}, false, "匹", "只"},
    {"dog", "mammal", {"dog", "perro", "犬", "cachorro", "狗"}, {"a dog", "dogs"}, {"un perro", "perros"}, {"um cachorro", "cachorros"}, false, "匹", "只"},
    {"horse", "mammal", {"horse", "caballo", "馬", "cavalo", "马"}, {"a horse", "horses"}, {"un caballo", "caballos"}, {"um cavalo", "cavalos"}, false, "頭", "匹"},
    {"sheep", "mammal", {"sheep", "oveja", "羊", "ovelha", "羊"}, {"a sheep", "sheep"}, {"una oveja", "ovejas"}, {"uma ovelha", "ovelhas"}, true, "頭", "只"},
    {"cow", "mammal", {"cattle", "vaca", "牛", "vaca", "牛"}, {"a cow", "cows"}, {"una vaca", "vacas"}, {"uma vaca", "vacas"}, true, "頭", "头"},
    {"elephant", "mammal", {"elephant", "elefante", "象", "elefante", "大象"}, {"an elephant", "elephants"}, {"un elefante", "elefantes"}, {"um elefante", "elefantes"}, false, "頭", "头"},
    {"bear", "mammal", {"bear", "oso", "熊", "urso", "熊"}, {"a bear", "bears"}, {"un oso", "osos"}, {"um urso", "ursos"}, false, "頭", "只"},
    {"zebra", "mammal", {"zebra", "cebra", "シマウマ", "zebra", "斑马"}, {"a zebra", "zebras"}, {"una cebra", "cebras"}, {"uma zebra", "zebras"}, true, "頭", "匹"},
    {"giraffe", "mammal", {"giraffe", "jirafa", "キリン", "girafa", "长颈鹿"}, {"a giraffe", "giraffes"}, {"una jirafa", "jirafas"}, {"uma girafa", "girafas"}, true, "頭", "只"},
    {"backpack", "bag", {"backpack", "mochila", "リュックサック", "mochila", "背包"}, {"a backpack", "backpacks"}, {"una mochila", "mochilas"}, {"uma mochila", "mochilas"}, true, "つ", "个"},
    {"umbrella", N, {"umbrella", "paraguas", "傘", "guarda-chuva", "雨伞"}, {"an umbrella", "umbrellas"}, {"un paraguas", "paraguas"}, {"um guarda-chuva", "guarda-chuvas"}, false, "本", "把"},
    {"handbag", "bag", {"handbag", "bolso de mano", "ハンドバッグ", "bolsa de mão", "手提包"}, {"a handbag", "handbags"}, {"un bolso de mano", "bolsos de mano"}, {"uma bolsa de mão", "bolsas de mão"}, true, "つ", "个"},
    {"tie", "clothing", {"tie", "corbata", "ネクタイ", "gravata", "领带"}, {"a tie", "ties"}, {"una corbata", "corbatas"}, {"uma gravata", "gravatas"}, true, "本", "条"},
    {"suitcase", "luggage", {"suitcase", "maleta", "スーツケース", "mala", "手提箱"}, {"a suitcase", "suitcases"}, {"una maleta", "maletas"}, {"uma mala", "malas"}, true, "つ", "个"},
    {"frisbee", "sports equipment", {"frisbee", "frisbi", "フリスビー", "frisbee", "飞盘"}, {"a frisbee", "frisbees"}, {"un frisbi", "frisbis"}, {"um frisbee", "frisbees"}, false, "つ", "个"},
    {"skis", "sports equipment", {"ski", "esquí", "スキー", "esqui", "滑雪板"}, {"a pair of skis", "skis"}, {"unos esquís", "esquís"}, {"um par de esquis", "esquis"}, false, "組", "副"},
    {"snowboard", "sports equipment", {"snowboard", "tabla de snowboard", "スノーボード", "snowboard", "单板滑雪板"}, {"a snowboard", "snowboards"}, {"una tabla de snowboard", "tablas de snowboard"}, {"um snowboard", "snowboards"}, false, "枚", "块"},
    {"sports ball", "sports equipment", {"ball", "pelota", "ボール", "bola", "球"}, {"a ball", "balls"}, {"una pelota", "pelotas"}, {"uma bola", "bolas"}, true, "個", "个"},
    {"kite", "toy", {"kite", "cometa", "凧", "pipa", "风筝"}, {"a kite", "kites"}, {"una cometa", "cometas"}, {"uma pipa", "pipas"}, true, "つ", "只"},
    {"baseball bat", "sports equipment", {"baseball bat", "bate de béisbol", "野球のバット", "taco de beisebol", "棒球棒"}, {"a baseball bat", "baseball bats"}, {"un bate de béisbol", "bates de béisbol"}, {"um taco de beisebol", "tacos de beisebol"}, false, "本", "根"},
    {"baseball glove", "sports equipment", {"baseball glove", "guante de béisbol", "野球のグローブ", "luva de beisebol", "棒球手套"}, {"a baseball glove", "baseball gloves"}, {"un guante de béisbol", "guantes de béisbol"}, {"uma luva de beisebol", "luvas de beisebol"}, true, "つ", "只"},
    {"skateboard", "sports equipment", {"skateboard", "monopatín", "スケートボード", "skate", "滑板"}, {"a skateboard", "skateboards"}, {"un monopatín", "monopatines"}, {"um skate", "skates"}, false, "枚", "块"},
    {"surfboard", "sports equipment", {"surfboard", "tabla de surf", "サーフボード", "prancha de surfe", "冲浪板"}, {"a surfboard", "surfboards"}, {"una tabla de surf", "tablas de surf"}, {"uma prancha de surfe", "pranchas de surfe"}, true, "枚", "块"},
    {"tennis racket", "sports equipment", {"tennis racket", "raqueta de tenis", "テニスラケット", "raquete de tênis", "网球拍"}, {"a tennis racket", "tennis rackets"}, {"una raqueta de tenis", "raquetas de tenis"}, {"uma raquete de tênis", "raquetes de tênis"}, true, "本", "只"},
    {"bottle", N, {"bottle", "botella", "ボトル", "garrafa", "瓶子"}, {"a bottle", "bottles"}, {"una botella", "botellas"}, {"uma garrafa", "garrafas"}, true, "本", "个"},
    {"wine glass", "drinkware", {"wine glass", "copa de vino", "ワイングラス", "taça de vinho", "酒杯"}, {"a wine glass", "wine glasses"}, {"una copa de vino", "copas de vino"}, {"uma taça de vinho", "taças de vinho"}, true, "つ", "个"},
    {"cup", "drinkware", {"cup", "taza", "カップ", "xícara", "杯子"}, {"a cup", "cups"}, {"una taza", "tazas"}, {"uma xícara", "xícaras"}, true, "つ", "个"},
    {"fork", "cutlery", {"fork", "tenedor", "フォーク", "garfo", "叉子"}, {"a fork", "forks"}, {"un tenedor", "tenedores"}, {"um garfo", "garfos"}, false, "本", "把"},
    {"knife", "cutlery", {"knife", "cuchillo", "ナイフ", "faca", "刀"}, {"a knife", "knives"}, {"un cuchillo", "cuchillos"}, {"uma faca", "facas"}, true, "本", "把"},
    {"spoon", "cutlery", {"spoon", "cuchara", "スプーン", "colher", "勺子"}, {"a spoon", "spoons"}, {"una cuchara", "cucharas"}, {"uma colher", "colheres"}, true, "本", "把"},
    {"bowl", "tableware", {"bowl", "cuenco", "ボウル", "tigela", "碗"}, {"a bowl", "bowls"}, {"un cuenco", "cuencos"}, {"uma tigela", "tigelas"}, true, "つ", "个"},
    {"banana", "fruit", {"banana", "plátano", "バナナ", "banana", "香蕉"}, {"a banana", "bananas"}, {"un plátano", "plátanos"}, {"uma banana", "bananas"}, true, "本", "根"},
    {"apple", "fruit", {"apple", "manzana", "りんご", "maçã", "苹果"}, {"an apple", "apples"}, {"una manzana", "manzanas"}, {"uma maçã", "maçãs"}, true, "個", "个"},
    {"sandwich", "food", {"sandwich", "sándwich", "サンドイッチ", "sanduíche", "三明治"}, {"a sandwich", "sandwiches"}, {"un sándwich", "sándwiches"}, {"um sanduíche", "sanduíches"}, false, "つ", "个"},
    {"orange", "fruit", {"orange", "naranja", "オレンジ", "laranja", "橙子"}, {"an orange", "oranges"}, {"una naranja", "naranjas"}, {"uma laranja", "laranjas"}, true, "個", "个"},
    {"broccoli", "vegetable", {"broccoli", "brócoli", "ブロッコリー", "brócolis", "西兰花"}, {"some broccoli", "broccoli"}, {"brócoli", "brócoli"}, {"brócolis", "brócolis"}, false, "つ", "棵"},
    {"carrot", "vegetable", {"carrot", "zanahoria", "にんじん", "cenoura", "胡萝卜"}, {"a carrot", "carrots"}, {"una zanahoria", "zanahorias"}, {"uma cenoura", "cenouras"}, true, "本", "根"},
    {"hot dog", "food", {"hot dog", "perrito caliente", "ホットドッグ", "cachorro-quente", "热狗"}, {"a hot dog", "hot dogs"}, {"un perrito caliente", "perritos calientes"}, {"um cachorro-quente", "cachorros-quentes"}, false, "本", "个"},
    {"pizza", "food", {"pizza", "pizza", "ピザ", "pizza", "披萨"}, {"a pizza", "pizzas"}, {"una pizza", "pizzas"}, {"uma pizza", "pizzas"}, true, "枚", "个"},
    {"donut", "food", {"doughnut", "dona", "ドーナツ", "rosquinha", "甜甜圈"}, {"a doughnut", "doughnuts"}, {"una dona", "donas"}, {"uma rosquinha", "rosquinhas"}, true, "個", "个"},
    {"cake", "food", {"cake", "pastel", "ケーキ", "bolo", "蛋糕"}, {"a cake", "cakes"}, {"un pastel", "pasteles"}, {"um bolo", "bolos"}, false, "個", "个"},
    {"chair", "seating", {"chair", "silla", "椅子", "cadeira", "椅子"}, {"a chair", "chairs"}, {"una silla", "sillas"}, {"uma cadeira", "cadeiras"}, true, "脚", "把"},
    {"couch", "seating", {"couch", "sofá", "ソファ", "sofá", "沙发"}, {"a couch", "couches"}, {"un sofá", "sofás"}, {"um sofá", "sofás"}, false, "台", "张"},
    {"potted plant", "plant", {"houseplant", "planta de interior", "観葉植物", "planta de interior", "盆栽"}, {"a potted plant", "potted plants"}, {"una planta en maceta", "plantas en maceta"}, {"uma planta em vaso", "plantas em vaso"}, true, "つ", "盆"},
    {"bed", "furniture", {"bed", "cama", "ベッド", "cama", "床"}, {"a bed", "beds"}, {"una cama", "camas"}, {"uma cama", "camas"}, true, "台", "张"},
    {"dining table", "furniture", {"table", "mesa", "テーブル", "mesa", "桌子"}, {"a table", "tables"}, {"una mesa", "mesas"}, {"uma mesa", "mesas"}, true, "台", "张"},
    {"toilet", N, {"toilet", "inodoro", "トイレ", "vaso sanitário", "马桶"}, {"a toilet", "toilets"}, {"un inodoro", "inodoros"}, {"um vaso sanitário", "vasos sanitários"}, false, "台", "个"},
    {"tv", "electronic device", {"television", "televisión", "テレビ", "televisão", "电视"}, {"a television", "televisions"}, {"un televisor", "televisores"}, {"uma televisão", "televisões"}, true, "台", "台"},
    {"laptop", "computer", {"laptop", "portátil", "ノートパソコン", "notebook", "笔记本电脑"}, {"a laptop", "laptops"}, {"un portátil", "portátiles"}, {"um notebook", "notebooks"}, false, "台", "台"},
    {"mouse", "electronic device", {"computer mouse", "ratón", "マウス", "mouse", "鼠标"}, {"a computer mouse", "computer mice"}, {"un ratón", "ratones"}, {"um mouse", "mouses"}, false, "つ", "个"},
    {"remote", "electronic device", {"remote control", "mando a distancia", "リモコン", "controle remoto", "遥控器"}, {"a remote control", "remote controls"}, {"un mando a distancia", "mandos a distancia"}, {"um controle remoto", "controles remotos"}, false, "つ", "个"},
    {"keyboard", "electronic device", {"computer keyboard", "teclado", "キーボード", "teclado", "键盘"}, {"a keyboard", "keyboards"}, {"un teclado", "teclados"}, {"um teclado", "teclados"}, false, "台", "个"},
    {"cell phone", "electronic device", {"mobile phone", "teléfono móvil", "携帯電話", "celular", "手机"}, {"a mobile phone", "mobile phones"}, {"un teléfono móvil", "teléfonos móviles"}, {"um celular", "celulares"}, false, "台", "部"},
    {"microwave", "kitchen appliance", {"microwave oven", "microondas", "電子レンジ", "micro-ondas", "微波炉"}, {"a microwave", "microwaves"}, {"un microondas", "microondas"}, {"um micro-ondas", "micro-ondas"}, false, "台", "台"},
    {"oven", "kitchen appliance", {"oven", "horno", "オーブン", "forno", "烤箱"}, {"an oven", "ovens"}, {"un horno", "hornos"}, {"um forno", "fornos"}, false, "台", "台"},
    {"toaster", "kitchen appliance", {"toaster", "tostadora", "トースター", "torradeira", "烤面包机"}, {"a toaster", "toasters"}, {"una tostadora", "tostadoras"}, {"uma torradeira", "torradeiras"}, true, "台", "台"},
    {"sink", N, {"sink", "fregadero", "シンク", "pia", "水槽"}, {"a sink", "sinks"}, {"un fregadero", "fregaderos"}, {"uma pia", "pias"}, true, "つ", "个"},
    {"refrigerator", "kitchen appliance", {"refrigerator", "refrigerador", "冷蔵庫", "geladeira", "冰箱"}, {"a refrigerator", "refrigerators"}, {"un refrigerador", "refrigeradores"}, {"uma geladeira", "geladeiras"}, true, "台", "台"},
    {"book", N, {"book", "libro", "本", "livro", "书"}, {"a book", "books"}, {"un libro", "libros"}, {"um livro", "livros"}, false, "冊", "本"},
    {"clock", N, {"clock", "reloj", "時計", "relógio", "时钟"}, {"a clock", "clocks"}, {"un reloj", "relojes"}, {"um relógio", "relógios"}, false, "つ", "个"},
    {"vase", N, {"vase", "jarrón", "花瓶", "vaso", "花瓶"}, {"a vase", "vases"}, {"un jarrón", "jarrones"}, {"um vaso", "vasos"}, false, "つ", "个"},
    {"scissors", "tool", {"scissors", "tijeras", "はさみ", "tesoura", "剪刀"}, {"a pair of scissors", "scissors"}, {"unas tijeras", "tijeras"}, {"uma tesoura", "tesouras"}, true, "本", "把"},
    {"teddy bear", "toy", {"teddy bear", "osito de peluche", "テディベア", "ursinho de pelúcia", "泰迪熊"}, {"a teddy bear", "teddy bears"}, {"un osito de peluche", "ositos de peluche"}, {"um ursinho de pelúcia", "ursinhos de pelúcia"}, false, "体", "只"},
    {"hair drier", "home appliance", {"hair dryer", "secador de pelo", "ヘアドライヤー", "secador de cabelo", "吹风机"}, {"a hair dryer", "hair dryers"}, {"un secador de pelo", "secadores de pelo"}, {"um secador de cabelo", "secadores de cabelo"}, false, "台", "个"},
    {"toothbrush", N, {"toothbrush", "cepillo de dientes", "歯ブラシ", "escova de dentes", "牙刷"}, {"a toothbrush", "toothbrushes"}, {"un cepillo de dientes", "cepillos de dientes"}, {"uma escova de dentes", "escovas de dentes"}, true, "本", "把"},
    // Text, image type, colour, the NSFW model's Drawing class.
    {"text", N, {"text", "texto", "テキスト", "texto", "文本"}, NOPHRASE},
    {"clipart", N, {"clipart", "imágenes prediseñadas", "クリップアート", "clipart", "剪贴画"}, NOPHRASE},
    {"drawing", N, {"drawing", "dibujo", "描画", "desenho", "绘图"}, NOPHRASE},
    {"line art", N, {"line art", "arte lineal", "ラインアート", "arte de linha", "线条艺术"}, NOPHRASE},
    {"cartoon", N, {"cartoon", "dibujos animados", "漫画", "desenho animado", "卡通"}, {"a cartoon", "cartoons"},
     {"un dibujo animado", "dibujos animados"}, {"um desenho animado", "desenhos animados"}, true, "枚", "幅"},
    {"black and white", N, {"black and white", "blanco y negro", "白黒", "preto e branco", "黑白"}, NOPHRASE},
    {"monochrome", N, {"monochrome", "monocromo", "モノクロ", "monocromático", "单色"}, NOPHRASE},
    // Scenes (classical analysis of the pixels).
    {"sky", N, {"sky", "cielo", "空", "céu", "天空"}, NOPHRASE},
    {"grass", N, {"grass", "hierba", "草", "grama", "草"}, NOPHRASE},
    {"water", N, {"water", "agua", "水", "água", "水"}, NOPHRASE},
    {"snow", N, {"snow", "nieve", "雪", "neve", "雪"}, NOPHRASE},
    {"outdoor", N, {"outdoor", "exterior", "屋外", "ao ar livre", "户外"}, NOPHRASE},
    {"tree", "plant", {"tree", "árbol", "木", "árvore", "树"}, NOPHRASE},
    {"cloud", N, {"cloud", "nube", "雲", "nuvem", "云"}, NOPHRASE},
    {"sunset", N, {"sunset", "puesta de sol", "夕日", "pôr do sol", "日落"}, NOPHRASE},
    {"night", N, {"night", "noche", "夜", "noite", "夜晚"}, NOPHRASE},
    // Colours (Azure's colour names that tag an image: the chromatic ones and white).
    {"blue", N, {"blue", "azul", "青", "azul", "蓝色"}, NOPHRASE},
    {"green", N, {"green", "verde", "緑", "verde", "绿色"}, NOPHRASE},
    {"orange (color)", N, {"orange", "naranja", "オレンジ", "laranja", "橙色"}, NOPHRASE, "color"},
    {"pink", N, {"pink", "rosa", "ピンク", "rosa", "粉色"}, NOPHRASE},
    {"purple", N, {"purple", "morado", "紫", "roxo", "紫色"}, NOPHRASE},
    {"red", N, {"red", "rojo", "赤", "vermelho", "红色"}, NOPHRASE},
    {"teal", N, {"teal", "verde azulado", "青緑", "verde-azulado", "青色"}, NOPHRASE},
    {"yellow", N, {"yellow", "amarillo", "黄色", "amarelo", "黄色"}, NOPHRASE},
    {"white", N, {"white", "blanco", "白", "branco", "白色"}, NOPHRASE},
    {"indoor", N, {"indoor", "interior", "屋内", "interior", "室内"}, NOPHRASE},
};

#undef NOPHRASE
#undef N

#include "features/tags/wordnet_concepts.inc"

struct Alias {
  const char* name;
  const char* key;
};
// Azure's spellings of some COCO classes, and English tag names that differ from the key.
const Alias kAliases[] = {{"television", "tv"},          {"doughnut", "donut"},        {"houseplant", "potted plant"},
                          {"computer mouse", "mouse"},   {"remote control", "remote"}, {"mobile phone", "cell phone"},
                          {"microwave oven", "microwave"}, {"hair dryer", "hair drier"}, {"ski", "skis"},
                          {"ball", "sports ball"},       {"sofa", "couch"},            {"motorbike", "motorcycle"},
                          {"aeroplane", "airplane"},     {"tvmonitor", "tv"},          {"diningtable", "dining table"},
                          {"pottedplant", "potted plant"}, {"cellphone", "cell phone"},
                          {"table", "dining table"},     {"cattle", "cow"},            {"computer keyboard", "keyboard"}};

bool sameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

struct ColorWords {
  const char* azure;
  const char* words[kLanguageCount];
};
const ColorWords kColors[] = {
    {"Black", {"black", "negro", "黒", "preto", "黑色"}},     {"Blue", {"blue", "azul", "青", "azul", "蓝色"}},
    {"Brown", {"brown", "marrón", "茶色", "marrom", "棕色"}}, {"Grey", {"grey", "gris", "灰色", "cinza", "灰色"}},
    {"Green", {"green", "verde", "緑", "verde", "绿色"}},     {"Orange", {"orange", "naranja", "オレンジ", "laranja", "橙色"}},
    {"Pink", {"pink", "rosa", "ピンク", "rosa", "粉色"}},     {"Purple", {"purple", "morado", "紫", "roxo", "紫色"}},
    {"Red", {"red", "rojo", "赤", "vermelho", "红色"}},       {"Teal", {"teal", "verde azulado", "青緑", "verde-azulado", "青色"}},
    {"White", {"white", "blanco", "白", "branco", "白色"}},   {"Yellow", {"yellow", "amarillo", "黄色", "amarelo", "黄色"}},
};

}  // namespace

Language languageFromCode(std::string_view code) {
  if (sameIgnoringCase(code, "es")) return Language::Es;
  if (sameIgnoringCase(code, "ja")) return Language::Ja;
  if (sameIgnoringCase(code, "pt")) return Language::Pt;
  if (sameIgnoringCase(code, "zh")) return Language::Zh;
  return Language::En;
}

const Concept* findConcept(std::string_view name) {
  for (const auto& term : kConcepts)
    if (sameIgnoringCase(term.key, name)) return &term;
  for (const auto& alias : kAliases)
    if (sameIgnoringCase(alias.name, name)) return findConcept(alias.key);
  for (const auto& term : kWordNetConcepts)
    if (sameIgnoringCase(term.key, name)) return &term;
  return nullptr;
}

std::span<const ImageNetClass> imageNetClasses() { return kImageNetClasses; }

const ImageNetClass* findImageNetClass(std::string_view wnid) {
  static const std::map<std::string_view, const ImageNetClass*> byId = [] {
    std::map<std::string_view, const ImageNetClass*> m;
    for (const auto& c : kImageNetClasses) m.emplace(c.wnid, &c);
    return m;
  }();
  auto it = byId.find(wnid);
  return it == byId.end() ? nullptr : it->second;
}

namespace {

// The concepts of a '|'-separated list of keys (nullptr: none).
std::vector<const Concept*> conceptsOf(const char* keys) {
  std::vector<const Concept*> concepts;
  for (std::string_view rest = keys ? keys : ""; !rest.empty();) {
    const auto bar = rest.find('|');
    if (const Concept* term = findConcept(rest.substr(0, bar))) concepts.push_back(term);
    rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
  }
  return concepts;
}

}  // namespace

const std::vector<const Concept*>& classSurroundings(const ImageNetClass& imageNetClass) {
  static const std::map<const ImageNetClass*, std::vector<const Concept*>> resolved = [] {
    std::map<const ImageNetClass*, std::vector<const Concept*>> m;
    for (const auto& c : kImageNetClasses) m[&c] = conceptsOf(c.surroundings);
    return m;
  }();
  return resolved.at(&imageNetClass);
}

const std::vector<const Concept*>& classConcepts(const ImageNetClass& imageNetClass) {
  // Resolved once: the job sums masses over these for every analysis.
  static const std::map<const ImageNetClass*, std::vector<const Concept*>> resolved = [] {
    std::map<const ImageNetClass*, std::vector<const Concept*>> m;
    for (const auto& c : kImageNetClasses) {
      auto& concepts = m[&c] = conceptsOf(c.tags);
      // And the Azure-style parents of those the hand-written table holds
      // (cup -> drinkware -> tableware), which WordNet's chain may not name.
      for (std::size_t i = 0; i < concepts.size(); ++i)
        if (const Concept* parent = concepts[i]->parent ? findConcept(concepts[i]->parent) : nullptr;
            parent && std::find(concepts.begin(), concepts.end(), parent) == concepts.end())
          concepts.push_back(parent);
    }
    return m;
  }();
  return resolved.at(&imageNetClass);
}

std::vector<const Concept*> allConcepts() {
  std::vector<const Concept*> out;
  for (const auto& term : kConcepts) out.push_back(&term);
  for (const auto& term : kWordNetConcepts) out.push_back(&term);
  return out;
}

std::string conceptName(const Concept& term, Language language) {
  const char* name = term.names[static_cast<int>(language)];
  return name ? name : term.key;
}

bool descendsFrom(const Concept* term, const Concept* ancestor) {
  for (int depth = 0; term && depth < 8; ++depth, term = term->parent ? findConcept(term->parent) : nullptr)
    if (term == ancestor) return true;
  return false;
}

bool isAnimalKind(const Concept* term) {
  static const Concept* const animal = findConcept("animal");
  return term && term != animal && descendsFrom(term, animal);
}

std::string withEnglishArticle(const std::string& phrase) {
  const char c = phrase.empty() ? 'x' : phrase[0];
  return (std::string("aeiou").find(c) != std::string::npos ? "an " : "a ") + phrase;
}

const Concept* colorConcept(std::string_view azureColor) {
  static const std::pair<const char*, const char*> kTagged[] = {
      {"Blue", "blue"}, {"Green", "green"}, {"Orange", "orange (color)"}, {"Pink", "pink"}, {"Purple", "purple"},
      {"Red", "red"},   {"Teal", "teal"},   {"Yellow", "yellow"},         {"White", "white"}};
  for (const auto& [azure, key] : kTagged)
    if (sameIgnoringCase(azure, azureColor)) return findConcept(key);
  return nullptr;
}

std::string colorWord(std::string_view azureColor, Language language) {
  for (const auto& c : kColors)
    if (sameIgnoringCase(c.azure, azureColor)) return c.words[static_cast<int>(language)];
  return {};
}

}  // namespace lv
